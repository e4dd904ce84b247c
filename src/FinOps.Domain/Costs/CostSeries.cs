using FinOps.Domain.Allocation;

namespace FinOps.Domain.Costs;

/// <summary>Days of a series computed together: their points, each day's cost to date at the end, and what the computation warned about.</summary>
public sealed record CostSeriesRun(IReadOnlyList<DailyCostLine> Days, IReadOnlyList<CostToDateLine> CostToDate, IReadOnlyList<string> Warnings);

/// <summary>
/// A period's cost series, day by day (SEMANTICS §8): cost to date as of each day is the allocation of the partial
/// period [start, end of the day) plus the estimate of its unbilled usage; the daily cost is its difference from the
/// day before. Starting from the stored cost to date of the day before <c>from</c>, only the days asked are computed.
/// </summary>
public static class CostSeries
{
    /// <param name="previous">Cost to date as of the day before <paramref name="from"/> (empty on the period's first day).</param>
    /// <param name="infraPools">Pools whose usage is self-hosted (costed through the pool, never estimated).</param>
    /// <param name="estimate">False for a closed period: its statement is final, nothing unbilled is charged.</param>
    public static CostSeriesRun Compute(AllocationInput input, DateOnly from, DateOnly through, IReadOnlyList<CostToDateLine> previous,
        IReadOnlySet<string> infraPools, bool estimate)
    {
        var zone = input.Period.Zone;
        var days = new List<DailyCostLine>();
        var warnings = new List<string>();
        for (var day = from; day <= through; day = day.AddDays(1))
        {
            var asOf = input with { AsOfEnd = zone.StartOfDay(day.AddDays(1)) };
            var allocation = Allocator.Run(asOf);
            if (!allocation.IdentityHolds)
                throw new InvalidOperationException($"cost to date of {input.Period} as of {day:yyyy-MM-dd} breaks the identity: lines hold {allocation.ExactTotal} of {allocation.CostTotal}");
            var estimates = estimate ? UnbilledEstimate.Of(asOf, infraPools) : new UnbilledEstimates(new Dictionary<SeriesLine, decimal>(), []);
            var current = CostToDate.From(allocation, estimates.Lines);
            days.AddRange(DailyCostLine.Between(day, previous, current));
            previous = current;
            if (day == through) warnings.AddRange(allocation.Warnings.Concat(estimates.Unpriced));
        }
        return new CostSeriesRun(days, previous, warnings.Distinct().ToList());
    }
}
