using FinOps.Application.Allocation;
using FinOps.Domain.Periods;

namespace FinOps.Application.Dashboards;

/// <summary>A named amount and how it moved against the same days of the previous period.</summary>
public sealed record RankedCost(string Key, string Label, decimal Cost, decimal PreviousCost)
{
    /// <summary>Relative change against the previous period's same days; null when there was nothing before.</summary>
    public decimal? Change => PreviousCost == 0m ? null : (Cost - PreviousCost) / PreviousCost;
}

/// <summary>One day of the month: cost per provider (self-hosted pools together), and the forecast band for days still to come.</summary>
public sealed record OverviewDay(DateOnly Day, IReadOnlyDictionary<string, decimal> ByProvider, decimal Cumulative, decimal? ForecastCumulative, decimal? P10Cumulative,
    decimal? P90Cumulative);

/// <summary>A tenant × feature as a team lead follows it: cost to date, its cost per 1M tokens now and last period.</summary>
public sealed record FeatureSpend(string Tenant, string TenantName, string Feature, string FeatureName, decimal Cost, long Tokens, decimal? PerMillion, decimal? PreviousPerMillion);

/// <summary>A budget on the dashboard: actual, forecast and the day the forecast crosses it.</summary>
public sealed record BudgetGauge(string Tenant, string TenantName, string? Feature, string? FeatureName, decimal Amount, decimal CostToDate, decimal? Forecast,
    decimal? P10, decimal? P90, DateOnly? ExpectedCrossing);

/// <summary>Everything a user lands on, computed once (amounts exact; the page formats, never sums).</summary>
public sealed record SpendOverview(
    ChargePeriod Period, DateOnly AsOf, string Currency,
    decimal MonthToDate, decimal Estimated, decimal? Forecast, decimal? ForecastP10, decimal? ForecastP90, decimal? Budgets,
    decimal LastMonth, decimal LastMonthSameDay, decimal? Coverage, decimal Idle, decimal Unallocated,
    IReadOnlyList<string> Providers, IReadOnlyList<OverviewDay> Days,
    IReadOnlyList<RankedCost> TopTenants, IReadOnlyList<RankedCost> TopFeatures, IReadOnlyList<RankedCost> TopModels,
    IReadOnlyList<(string Kind, int Open)> OpenAlerts,
    ChargePeriod PreviousPeriod, bool PreviousClosed, IReadOnlyList<CloseBlocker> PreviousBlockers,
    IReadOnlyList<FeatureSpend> Features, IReadOnlyList<BudgetGauge> BudgetGauges, bool IsFinance);
