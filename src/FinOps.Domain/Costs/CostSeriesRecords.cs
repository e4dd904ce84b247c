namespace FinOps.Domain.Costs;

/// <summary>
/// One stored point of a period's cost series: a line's daily cost on one day, exact, the estimated part apart.
/// Only days on which the line moved are stored; cost to date is the sum up to a day.
/// </summary>
public sealed class CostSeriesDay
{
    public required string Period { get; init; }
    public required DateOnly Day { get; init; }
    public required string LineKey { get; init; }
    public required string LineType { get; init; }
    public required string Tenant { get; init; }
    public required string Feature { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string Pool { get; init; }
    public string? AdjustsPeriod { get; init; }
    public required decimal Cost { get; init; }
    public required decimal Estimated { get; init; }
}

/// <summary>
/// How fresh a period's series is. Database triggers on every input (usage, bills, infra, price cards, rules,
/// aliases, settings) move <see cref="StaleFrom"/> back to the first day they touch and bump <see cref="Version"/>;
/// a refresh recomputes from that day only and clears it if nothing changed meanwhile. A closed period is frozen.
/// </summary>
public sealed class CostSeriesState
{
    public required string Period { get; init; }
    public DateOnly? StaleFrom { get; set; }
    public DateOnly? ComputedThrough { get; set; }
    public long Version { get; set; }
    public bool Frozen { get; set; }
    public DateTimeOffset? RefreshedAt { get; set; }
}
