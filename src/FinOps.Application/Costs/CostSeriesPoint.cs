namespace FinOps.Application.Costs;

/// <summary>One stored point of a period's series as readers use it: a line's cost on a day, the estimated part apart.</summary>
public sealed record CostSeriesPoint(DateOnly Day, string LineType, string Tenant, string Feature, string Provider, string Model, string Pool,
    string? AdjustsPeriod, decimal Cost, decimal Estimated);
