namespace FinOps.Domain.Allocation;

/// <summary>
/// What late data changed in a closed period (SEMANTICS §7): the closed period recomputed exactly with everything now
/// stored (and the rules and prices it was closed with) minus what it was closed at and what earlier adjustments
/// already corrected, per line (tenant, feature, provider, model, pool). Zero differences make no line.
/// </summary>
public static class Adjustments
{
    public static string Identity(string tenant, string feature, string provider, string model, string pool) => $"{tenant}|{feature}|{provider}|{model}|{pool}";

    /// <param name="recomputed">The closed period's lines as they come out today.</param>
    /// <param name="closed">Its lines as they were closed.</param>
    /// <param name="alreadyAdjusted">Exact amounts per line identity of its adjustments booked in periods closed since.</param>
    public static IReadOnlyList<Adjustment> For(string closedPeriod, IEnumerable<StatementLine> recomputed, IEnumerable<StatementLine> closed,
        IReadOnlyDictionary<string, decimal> alreadyAdjusted)
    {
        static string Id(StatementLine l) => Identity(l.Tenant, l.Feature, l.Provider, l.Model, l.Pool);
        var now = recomputed.ToDictionary(Id, StringComparer.Ordinal);
        var then = closed.ToDictionary(Id, StringComparer.Ordinal);
        var adjustments = new List<Adjustment>();
        foreach (var id in now.Keys.Union(then.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var difference = (now.TryGetValue(id, out var today) ? today.ExactAmount : 0m)
                             - (then.TryGetValue(id, out var atClose) ? atClose.ExactAmount : 0m)
                             - alreadyAdjusted.GetValueOrDefault(id);
            if (difference == 0m) continue;
            var line = today ?? atClose!;
            adjustments.Add(new Adjustment(closedPeriod, line.Tenant, line.Feature, line.Provider, line.Model, line.Pool, difference));
        }
        return adjustments;
    }
}
