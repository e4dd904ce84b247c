using System.Globalization;
using FinOps.Application.Budgets;

namespace FinOps.Web.Features.Budgets;

/// <summary>
/// A budget's bar, in percent of the bar's width: billed and estimated cost to date, the forecast band and threshold
/// ticks. The bar spans the larger of the budget and the forecast's top, so what exceeds the budget stays visible.
/// </summary>
public sealed class BudgetGauge
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public BudgetGauge(BudgetStatus status)
    {
        var amount = status.Budget.Amount;
        var span = new[] { amount, status.CostToDate, status.P90 ?? 0m, status.Forecast ?? 0m }.Max();
        if (span <= 0m) span = 1m;
        decimal Pct(decimal v) => Math.Clamp(v / span * 100m, 0m, 100m);
        Billed = Pct(status.CostToDate - status.Estimated);
        Estimated = Pct(status.CostToDate) - Billed;
        BandFrom = status.P10 is { } p10 ? Pct(p10) : null;
        BandTo = status.P90 is { } p90 ? Pct(p90) : null;
        Forecast = status.Forecast is { } f ? Pct(f) : null;
        Budget = Pct(amount);
        Thresholds = status.Budget.Thresholds.Where(t => t < 100m).Select(t => Pct(amount * t / 100m)).ToList();
        Over = status.CostToDate > amount;
    }

    public decimal Billed { get; }
    public decimal Estimated { get; }
    public decimal? BandFrom { get; }
    public decimal? BandTo { get; }
    public decimal? Forecast { get; }
    public decimal Budget { get; }
    public IReadOnlyList<decimal> Thresholds { get; }
    public bool Over { get; }

    public static string Css(decimal percent) => percent.ToString("0.##", Invariant) + "%";
}
