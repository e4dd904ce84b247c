namespace FinOps.Domain.Workflows;

/// <summary>How many executions made how many calls: one bar per count up to 20, then widening bands, so a normal
/// run's shape and a runaway's hundreds both stay readable on one chart.</summary>
public sealed record CallBucket(string Label, int From, int? To, int Executions);

public static class CallBuckets
{
    private static readonly (int From, int? To)[] Bands = [(21, 50), (51, 100), (101, 200), (201, 500), (501, 1000), (1001, null)];

    /// <returns>Every bucket from 1 call up to the largest count seen, empty ones included (a gap is information).</returns>
    public static IReadOnlyList<CallBucket> Of(IEnumerable<int> callsPerExecution)
    {
        var calls = callsPerExecution.ToList();
        if (calls.Count == 0) return [];
        var max = calls.Max();
        var buckets = new List<CallBucket>();
        for (var n = 1; n <= Math.Min(20, max); n++) buckets.Add(new CallBucket(n.ToString(System.Globalization.CultureInfo.InvariantCulture), n, n, calls.Count(c => c == n)));
        foreach (var (from, to) in Bands.Where(b => b.From <= max))
            buckets.Add(new CallBucket(to is null ? $"{from}+" : $"{from}–{to}", from, to, calls.Count(c => c >= from && (to is null || c <= to))));
        return buckets;
    }
}
