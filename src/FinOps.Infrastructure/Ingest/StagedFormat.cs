using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest;

/// <summary>What streaming a file into staging found: all rows, the bad ones, and their absolute costs.</summary>
internal sealed class StageCounts
{
    public long Rows { get; set; }
    public long BadRows { get; set; }
    public decimal AbsoluteCost { get; set; }
    public decimal BadAbsoluteCost { get; set; }
    public List<RowProblem> FirstProblems { get; } = [];

    /// <summary>The time the good rows cover (requests' times, charge or cost periods): which periods the file touches.</summary>
    public DateTimeOffset? From { get; private set; }
    public DateTimeOffset? To { get; private set; }

    public void Count<T>(ParsedRow<T> row) where T : class
    {
        Rows++;
        AbsoluteCost += row.AbsoluteCost;
        switch (row.Record)
        {
            case UsageRecord usage: Cover(usage.OccurredAt, usage.OccurredAt); break;
            case BillingRecord bill: Cover(bill.ChargePeriodStart, bill.ChargePeriodEnd); break;
            case InfraCostRecord cost: Cover(cost.PeriodStart, cost.PeriodEnd); break;
        }
        if (row.Problem is null) return;
        BadRows++;
        BadAbsoluteCost += row.AbsoluteCost;
        if (FirstProblems.Count < 20) FirstProblems.Add(row.Problem);
    }

    private void Cover(DateTimeOffset from, DateTimeOffset to)
    {
        (from, to) = (from.ToUniversalTime(), to.ToUniversalTime());
        if (From is null || from < From) From = from;
        if (To is null || to > To) To = to;
    }
}

/// <summary>What the merge did with the staged rows.</summary>
internal sealed record MergeCounts(long Stored, long Duplicates, long Conflicts, long SupersededLines);

/// <summary>Settings of one ingest run that a format needs while parsing.</summary>
internal sealed record StageContext(
    string Source, TimeZoneInfo? SourceZone, FinOps.Domain.Money.Currency OrganisationCurrency, string? TenantFrom = null, string? FeatureFrom = null)
{
    /// <summary>The plausible range every parsed row is checked against before it is staged.</summary>
    public required IngestBounds Bounds { get; init; }
}

/// <summary>
/// One input format: recognise its header, stream its rows (good and bad alike, in one binary COPY) into a
/// temporary staging table, then merge the good ones set-based and quarantine the bad ones.
/// </summary>
internal interface IStagedFormat
{
    string Name { get; }
    IngestionKind Kind { get; }
    IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>The temporary table rows are staged in; bad rows carry problem_column, problem_reason and raw.</summary>
    string StageTable { get; }
    bool Matches(IngestInput input);
    Task StageAsync(NpgsqlConnection connection, IngestInput input, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken);
    Task<MergeCounts> MergeAsync(NpgsqlConnection connection, long fileId, CancellationToken cancellationToken);
}

/// <summary>The opened file: CSV records with a header, or JSON (one document, or one object per line).</summary>
internal sealed class IngestInput : IDisposable
{
    public CsvTable? Csv { get; init; }
    public Json.JsonInput? Json { get; init; }

    /// <summary>The file stream both readers leave open; closed with the input.</summary>
    public Stream? File { get; init; }

    public IReadOnlyList<string> Headers => Csv?.Headers ?? [];

    public long BytesRead => Csv?.BytesRead ?? Json?.BytesRead ?? 0;

    public void Dispose()
    {
        Csv?.Dispose();
        Json?.Dispose();
        File?.Dispose();
    }
}

/// <summary>
/// The shared shape of every staging row: the line, then either the problem (column, reason, raw text) with empty
/// data columns, or empty problem columns followed by the data the caller writes.
/// </summary>
internal static class StagingRow
{
    /// <returns>The record whose data columns the caller writes next, or null when the row was bad (already complete).</returns>
    public static T? Begin<T>(NpgsqlBinaryImporter copy, ParsedRow<T> row, int dataColumns) where T : class
    {
        copy.StartRow();
        copy.Write(row.Line, NpgsqlDbType.Bigint);
        if (row.Record is { } record)
        {
            copy.WriteNull();
            copy.WriteNull();
            copy.WriteNull();
            return record;
        }
        copy.Write((object?)row.Problem!.Column ?? DBNull.Value, NpgsqlDbType.Text);
        copy.Write(Messages.Storable(row.Problem.Reason), NpgsqlDbType.Text);
        copy.Write(Messages.Storable(row.RawText), NpgsqlDbType.Text);
        for (var i = 0; i < dataColumns; i++) copy.WriteNull();
        return null;
    }
}
