namespace FinOps.Domain.Workflows;

/// <summary>
/// Percentiles by linear interpolation between closest ranks (the "type 7" estimate of spreadsheets, NumPy and
/// PostgreSQL's percentile_cont): rank h = (n − 1) × p, value = x⌊h⌋ + (h − ⌊h⌋) × (x⌈h⌉ − x⌊h⌋). So the median of an
/// even count is the mean of the two middle values, as everywhere else in FinOps.
/// </summary>
public static class Percentiles
{
    /// <param name="sorted">Values in ascending order; at least one.</param>
    /// <param name="p">The percentile as a fraction in [0, 1].</param>
    public static decimal Of(IReadOnlyList<decimal> sorted, decimal p)
    {
        if (sorted.Count == 0) throw new ArgumentException("a percentile needs at least one value", nameof(sorted));
        if (p is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is a fraction in [0, 1]");
        var rank = (sorted.Count - 1) * p;
        var lower = (int)decimal.Floor(rank);
        var upper = (int)decimal.Ceiling(rank);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
