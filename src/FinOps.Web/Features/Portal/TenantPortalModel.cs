using System.Globalization;
using FinOps.Application.Portal;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;
using FinOps.Web.Features.Overview;
using MudBlazor;

namespace FinOps.Web.Features.Portal;

/// <summary>What the tenant portal draws from a <see cref="TenantPortal"/>: formatted money, chart series and links (no sums in markup).</summary>
public sealed class TenantPortalModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public TenantPortalModel(TenantPortal portal)
    {
        Portal = portal;
        Spend = new OverviewPageModel(portal.Spend);
        Currency = Spend.Currency;
        var code = Currency.Code;
        DayLabels = portal.Days.Select(d => d.Day.Day % 5 == 1 ? d.Day.ToString("MMM d", Invariant) : "").ToArray();
        DailySeries = portal.Features.Select(f => new ChartSeries<double>
        {
            Name = f, Data = portal.Days.Select(d => (double)d.ByFeature.GetValueOrDefault(f)).ToArray(),
        }).ToList();
        DailyOptions = new StackedBarChartOptions { YAxisToStringFunc = v => Shared.MoneyText.Axis(v, code), ShowLegend = true, YAxisTitle = code };
    }

    public TenantPortal Portal { get; }

    /// <summary>The period's headline figures, drawn as the overview draws them.</summary>
    public OverviewPageModel Spend { get; }

    public Currency Currency { get; }
    public string[] DayLabels { get; }
    public List<ChartSeries<double>> DailySeries { get; }
    public StackedBarChartOptions DailyOptions { get; }

    public string Money(decimal? amount) => Shared.MoneyText.Format(amount, Currency);

    public string Money(decimal? amount, string currency) => Shared.MoneyText.Format(amount, currency);

    public static string Pdf(string number) => $"/api/invoices/{number}.pdf";

    public string DailyCsv => $"/api/tenants/{Uri.EscapeDataString(Portal.Tenant)}/daily-costs.csv?period={Portal.Spend.Period}";

    public string StatementCsv => Portal.Statement is { } s ? $"/api/statements?period={s.Period}&tenant={Uri.EscapeDataString(Portal.Tenant)}&format=csv" : "";

    public static string Standing(InvoiceStanding standing, DateOnly? paidOn) => standing switch
    {
        InvoiceStanding.Paid => $"Paid {paidOn:yyyy-MM-dd}",
        InvoiceStanding.Overdue => "Overdue",
        InvoiceStanding.Credited => "Credited",
        _ => "Open",
    };
}
