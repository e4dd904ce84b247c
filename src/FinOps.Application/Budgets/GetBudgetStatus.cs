using FinOps.Application.Costs;
using FinOps.Domain.Budgets;
using FinOps.Domain.Periods;

namespace FinOps.Application.Budgets;

/// <summary>
/// A budget against its scope's cost to date (estimates included, and apart). The forecast columns stay empty until
/// forecasting fills them: an empty column, never a made-up number.
/// </summary>
public sealed record BudgetStatus(Budget Budget, DateOnly? AsOf, decimal CostToDate, decimal Estimated)
{
    /// <summary>Cost to date in percent of the amount; null for a zero budget (any spend is over it, but by no percentage).</summary>
    public decimal? Percent => Budget.Amount == 0m ? null : CostToDate / Budget.Amount * 100m;

    public decimal? Forecast { get; init; }
    public decimal? P10 { get; init; }
    public decimal? P90 { get; init; }
    public decimal? ForecastPercent => Forecast is { } f && Budget.Amount != 0m ? f / Budget.Amount * 100m : null;
}

/// <summary>Every budget covering a period that the caller may see, with its scope's cost to date as of a day (series refreshed first).</summary>
public sealed class GetBudgetStatus(ManageBudgets budgets, GetCostSeries series, Forecasting.GetForecasts forecasts)
{
    public async Task<IReadOnlyList<BudgetStatus>> HandleAsync(ChargePeriod period, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var covering = await budgets.LoadAsync(period, cancellationToken);
        if (covering.Count == 0) return [];
        var answer = await series.HandleAsync(period, CostBreakdown.TenantFeature, asOf, cancellationToken);
        var toDate = answer.ToDate();
        // The forecast shown for each budget's scope, as of the last complete day up to the status's day.
        var byTenant = covering.Any(b => b.Feature is null)
            ? (await forecasts.HandleAsync(period, answer.AsOf, CostBreakdown.Tenant, cancellationToken)).Scopes.ToDictionary(f => f.Scope) : [];
        var byFeature = covering.Any(b => b.Feature is not null)
            ? (await forecasts.HandleAsync(period, answer.AsOf, CostBreakdown.TenantFeature, cancellationToken)).Scopes.ToDictionary(f => f.Scope) : [];
        return covering.Select(b =>
        {
            var scope = toDate.Where(s => s.Tenant == b.Tenant && (b.Feature is null || s.Feature == b.Feature)).ToList();
            var forecast = (b.Feature is null ? byTenant : byFeature).GetValueOrDefault(new Forecasting.ScopeKey(b.Tenant, b.Feature ?? ""))?.Shown;
            return new BudgetStatus(b, answer.AsOf, scope.Sum(s => s.CostToDate), scope.Sum(s => s.Estimated))
            {
                Forecast = forecast?.Total, P10 = forecast?.P10, P90 = forecast?.P90,
            };
        }).ToList();
    }

    /// <summary>A budget's scope's cost to date at the end of each day, from a tenant × feature daily series.</summary>
    public static IReadOnlyList<(DateOnly Day, decimal CostToDate)> Cumulative(Budget budget, IEnumerable<ScopeDailyCost> days)
    {
        var result = new List<(DateOnly, decimal)>();
        var running = 0m;
        foreach (var day in days.Where(d => d.Tenant == budget.Tenant && (budget.Feature is null || d.Feature == budget.Feature)).GroupBy(d => d.Day).OrderBy(g => g.Key))
        {
            running += day.Sum(d => d.Cost);
            result.Add((day.Key, running));
        }
        return result;
    }
}
