using FinOps.Domain.Allocation;

namespace FinOps.Domain.Costs;

/// <summary>One line's cost to date, exact: <see cref="Cost"/> includes <see cref="Estimated"/>, the unbilled usage at list price.</summary>
public sealed record CostToDateLine(SeriesLine Line, decimal Cost, decimal Estimated);

/// <summary>
/// Cost to date as of a day (SEMANTICS §8): the allocation of the partial period, line by line, plus the estimated
/// cost of unbilled usage — added after allocation, so it never moves a pool's split — on its direct line.
/// </summary>
public static class CostToDate
{
    public static IReadOnlyList<CostToDateLine> From(AllocationResult allocation, IReadOnlyDictionary<SeriesLine, decimal> estimates)
    {
        var lines = new Dictionary<SeriesLine, (decimal Cost, decimal Estimated)>();
        foreach (var line in allocation.Lines) lines[SeriesLine.Of(line)] = (line.ExactAmount, 0m);
        foreach (var (line, estimate) in estimates)
        {
            if (estimate == 0m) continue;
            var (cost, estimated) = lines.GetValueOrDefault(line);
            lines[line] = (cost + estimate, estimated + estimate);
        }
        return lines.Where(l => l.Value.Cost != 0m || l.Value.Estimated != 0m)
            .Select(l => new CostToDateLine(l.Key, l.Value.Cost, l.Value.Estimated))
            .OrderBy(l => l.Line.Key, StringComparer.Ordinal).ToList();
    }
}
