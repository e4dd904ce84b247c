using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;

namespace FinOps.Domain.Forecasting;

/// <summary>
/// An infra pool's cost for a whole period, known before the period ends (SEMANTICS §8 forecast step 1): every stored
/// row overlapping the period pro-rated to it in full — also beyond today — and days of the period that no row covers
/// continue the daily cost of the closest earlier covered day (a pool billed up to the 20th keeps costing that much).
/// </summary>
public static class PoolPeriodCost
{
    public static IReadOnlyDictionary<string, decimal> Of(IEnumerable<InfraCostLine> rows, ChargePeriod period)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var pool in rows.GroupBy(r => r.Pool, StringComparer.Ordinal))
        {
            var total = 0m;
            decimal? lastCovered = null;
            foreach (var day in period.Days())
            {
                var covering = pool.Where(r => r.Span.Overlaps(day) || (r.Span.IsEmpty && day.Contains(r.Span.Start))).ToList();
                if (covering.Count > 0)
                {
                    lastCovered = covering.Sum(r => ProRating.PortionIn(r.Amount, r.Span, day));
                    total += lastCovered.Value;
                }
                else if (lastCovered is { } continued) total += continued;
            }
            result[pool.Key] = total;
        }
        return result;
    }
}
