namespace FinOps.Domain.Ingest;

/// <summary>
/// When a file with bad rows still goes in (its good rows stored, its bad rows quarantined): bad rows under
/// <see cref="MaxBadRowFraction"/> of all rows and, for bills, under <see cref="MaxBadCostFraction"/> of the file's
/// absolute cost. Otherwise the whole file is rejected.
/// </summary>
public sealed record IngestThresholds(decimal MaxBadRowFraction = 0.01m, decimal MaxBadCostFraction = 0.01m)
{
    public static IngestThresholds Default { get; } = new();

    /// <returns>Null when the file may be stored; otherwise why it is rejected.</returns>
    public string? Judge(long rows, long badRows, decimal absoluteCost, decimal badAbsoluteCost)
    {
        if (rows == 0) return "the file has no data rows";
        if (badRows == 0) return null;
        if ((decimal)badRows / rows >= MaxBadRowFraction)
            return $"{badRows} of {rows} rows are bad ({Percent((decimal)badRows / rows)}; the limit is under {Percent(MaxBadRowFraction)})";
        if (absoluteCost > 0m && badAbsoluteCost / absoluteCost >= MaxBadCostFraction)
            return $"bad rows carry {Percent(badAbsoluteCost / absoluteCost)} of the file's cost (the limit is under {Percent(MaxBadCostFraction)})";
        return null;
    }

    private static string Percent(decimal fraction) => $"{fraction * 100m:0.##}%";
}
