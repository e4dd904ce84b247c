namespace FinOps.Domain.Budgets;

/// <summary>A budget threshold reached: the first day whose cost to date was ≥ its share of the amount, and that cost to date.</summary>
public sealed record ThresholdCrossing(decimal Threshold, DateOnly CrossedOn, decimal CostToDate);

/// <summary>
/// Actual-cost alerts (SEMANTICS §8), replayed: walking the days of a period in order, each threshold is crossed on
/// the first day whose cost to date reaches threshold × amount — whenever the replay runs, the same day.
/// </summary>
public static class BudgetCrossings
{
    public static IReadOnlyList<ThresholdCrossing> Of(Budget budget, IEnumerable<(DateOnly Day, decimal CostToDate)> series)
    {
        var open = budget.Thresholds.OrderBy(t => t).ToList();
        var crossings = new List<ThresholdCrossing>();
        foreach (var (day, costToDate) in series.OrderBy(s => s.Day))
        {
            foreach (var threshold in open.Where(t => costToDate >= budget.LimitAt(t)).ToList())
            {
                crossings.Add(new ThresholdCrossing(threshold, day, costToDate));
                open.Remove(threshold);
            }
            if (open.Count == 0) break;
        }
        return crossings;
    }

    /// <summary>Whether a raised crossing still holds on the latest day (a credit can bring cost to date back under it: the alert resolves).</summary>
    public static bool StillHolds(Budget budget, decimal threshold, decimal latestCostToDate) => latestCostToDate >= budget.LimitAt(threshold);
}
