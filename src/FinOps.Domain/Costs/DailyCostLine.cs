namespace FinOps.Domain.Costs;

/// <summary>One line's daily cost c(D) = cost to date as of D − as of D−1, exact, with the estimated part apart.</summary>
public sealed record DailyCostLine(DateOnly Day, SeriesLine Line, decimal Cost, decimal Estimated)
{
    /// <summary>
    /// The differences between two consecutive costs to date: only lines that moved, so a series is sparse and
    /// Σ of a period's daily costs telescopes to its cost to date on the last day.
    /// </summary>
    public static IReadOnlyList<DailyCostLine> Between(DateOnly day, IReadOnlyList<CostToDateLine> previous, IReadOnlyList<CostToDateLine> current)
    {
        var before = previous.ToDictionary(l => l.Line);
        var result = new List<DailyCostLine>();
        foreach (var line in current)
        {
            var prior = before.GetValueOrDefault(line.Line);
            before.Remove(line.Line);
            var (cost, estimated) = (line.Cost - (prior?.Cost ?? 0m), line.Estimated - (prior?.Estimated ?? 0m));
            if (cost != 0m || estimated != 0m) result.Add(new DailyCostLine(day, line.Line, cost, estimated));
        }
        // A line that vanished (a credit, an estimate replaced by a bill that went elsewhere) falls back to zero.
        result.AddRange(before.Values.Where(l => l.Cost != 0m || l.Estimated != 0m).Select(l => new DailyCostLine(day, l.Line, -l.Cost, -l.Estimated)));
        return result.OrderBy(l => l.Line.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Costs to date from the days before (a stored prefix of the series).</summary>
    public static IReadOnlyList<CostToDateLine> Accumulate(IEnumerable<DailyCostLine> days) =>
        days.GroupBy(d => d.Line).Select(g => new CostToDateLine(g.Key, g.Sum(d => d.Cost), g.Sum(d => d.Estimated)))
            .Where(l => l.Cost != 0m || l.Estimated != 0m).OrderBy(l => l.Line.Key, StringComparer.Ordinal).ToList();
}
