using System.Globalization;
using FinOps.Application.Allocation;
using FinOps.Application.Dashboards;
using FinOps.Domain.Money;
using MudBlazor;

namespace FinOps.Web.Features.Overview;

/// <summary>What the overview draws from a <see cref="SpendOverview"/>: formatted money, chart series and links (no sums in markup).</summary>
public sealed class OverviewPageModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public OverviewPageModel(SpendOverview overview)
    {
        Overview = overview;
        Currency = Domain.Money.Currency.FromCode(overview.Currency);
        DayLabels = overview.Days.Select(d => d.Day.Day % 5 == 1 || d.Day.Day == 1 ? d.Day.ToString("MMM d", Invariant) : "").ToArray();
        var elapsed = overview.Days.Where(d => d.Day <= overview.AsOf).ToList();
        DailySeries = overview.Providers.Select(p => new ChartSeries<double>
        {
            Name = p, Data = overview.Days.Select(d => (double)d.ByProvider.GetValueOrDefault(p)).ToArray(),
        }).ToList();
        var code = Currency.Code;
        DailyOptions = new StackedBarChartOptions { YAxisToStringFunc = v => Shared.MoneyText.Axis(v, code), ShowLegend = true, YAxisTitle = code };
        double[] Line(Func<OverviewDay, decimal?> value) => overview.Days.Select(d => value(d) is { } v ? (double)v : double.NaN).ToArray();
        CumulativeSeries =
        [
            new ChartSeries<double> { Name = "Cost to date", Data = Line(d => d.Day <= overview.AsOf ? d.Cumulative : null) },
        ];
        if (overview.Forecast is not null)
        {
            CumulativeSeries.Add(new ChartSeries<double> { Name = "Forecast", Data = Line(d => d.ForecastCumulative) });
            CumulativeSeries.Add(new ChartSeries<double> { Name = "P10", Data = Line(d => d.P10Cumulative) });
            CumulativeSeries.Add(new ChartSeries<double> { Name = "P90", Data = Line(d => d.P90Cumulative) });
        }
        if (overview.Budgets is { } budgets)
            CumulativeSeries.Add(new ChartSeries<double> { Name = "Budgets", Data = overview.Days.Select(_ => (double)budgets).ToArray() });
        CumulativeOptions = new LineChartOptions { YAxisToStringFunc = v => Shared.MoneyText.Axis(v, code), ShowLegend = true, ConnectNullPoints = false, YAxisTitle = code };
    }

    public SpendOverview Overview { get; }
    public Currency Currency { get; }
    public string[] DayLabels { get; }
    public List<ChartSeries<double>> DailySeries { get; }
    public StackedBarChartOptions DailyOptions { get; }
    public List<ChartSeries<double>> CumulativeSeries { get; }
    public LineChartOptions CumulativeOptions { get; }

    public int OpenAlertCount => Overview.OpenAlerts.Sum(a => a.Open);

    public string Money(decimal? amount) => Shared.MoneyText.Format(amount, Currency);

    public static string Percent(decimal? fraction) => fraction is { } f ? f.ToString("P1", Invariant) : "—";

    /// <summary>A change in words and an arrow, so it never relies on colour alone.</summary>
    public static string Change(RankedCost row) => row.Change switch
    {
        null => row.Cost == 0 ? "" : "new",
        // Ten times or more reads better as a multiple than as thousands of percent.
        >= 9m and var c => "▲ ×" + (c + 1m).ToString("N0", Invariant),
        > 0m and var c => "▲ +" + c.ToString("P0", Invariant),
        < 0m and var c => "▼ " + c.ToString("P0", Invariant),
        _ => "0 %",
    };

    public string? ForecastAgainstBudgets => Overview is { Forecast: { } f, Budgets: { } b and > 0 }
        ? $"{(f / b).ToString("P0", Invariant)} of the budgets ({Money(b)})"
        : Overview.Budgets is null ? "no budgets set" : null;

    public string SameDayChange => Overview.LastMonthSameDay == 0m ? "" :
        Change(new RankedCost("", "", Overview.MonthToDate, Overview.LastMonthSameDay)) + $" against {Money(Overview.LastMonthSameDay)} by the same day of {Overview.PreviousPeriod}";

    public static string Link(CloseBlocker blocker, string period) => blocker.Kind switch
    {
        BlockerKind.ReconciliationWindows => $"/reconciliation?period={period}",
        BlockerKind.UnallocatedPool => "/rules",
        _ => "/catalog/unmapped",
    };

    public static string AlertKind(string kind) => kind switch
    {
        "budget_actual" => "Budget thresholds crossed",
        "budget_forecast" => "Budgets forecast to be exceeded",
        "burn_rate" => "Fast burn",
        "cost_anomaly" => "Cost anomalies",
        "token_inflation" => "Prompts growing (tokens per request)",
        "runaway_trace" => "Runaway agent loops",
        "reconciliation.mismatch" => "Bills and logs disagree",
        "reconciliation.unlogged" => "Billed usage missing from logs",
        "reconciliation.unbilled" => "Logged usage not billed yet",
        _ => kind.Replace('_', ' '),
    };

    public static double Progress(BudgetGauge gauge) => gauge.Amount == 0 ? 100 : Math.Min(100, (double)(gauge.CostToDate / gauge.Amount * 100));
}
