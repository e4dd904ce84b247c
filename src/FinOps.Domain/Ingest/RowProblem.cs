namespace FinOps.Domain.Ingest;

/// <summary>Why one row of a file cannot be stored: where (line, column) and why, in words a finance user can act on.</summary>
public sealed record RowProblem(long Line, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"line {Line}: {Reason}" : $"line {Line}, column {Column}: {Reason}";
}

/// <summary>A row read from a file: either a normalised record or the problem that keeps it out.</summary>
/// <remarks>RawText is kept only for bad rows (for quarantine); decoding it for every good row would cost a copy per row.</remarks>
public readonly record struct ParsedRow<T>(long Line, T? Record, RowProblem? Problem, string RawText, decimal AbsoluteCost = 0m)
    where T : class
{
    public static ParsedRow<T> Good(long line, T record, string raw, decimal absoluteCost = 0m) => new(line, record, null, raw, absoluteCost);

    public static ParsedRow<T> Bad(long line, string? column, string reason, string raw, decimal absoluteCost = 0m) =>
        new(line, null, new RowProblem(line, column is null ? null : Messages.OneLine(column), Messages.OneLine(reason)), raw, absoluteCost);
}
