using FinOps.Domain.Ingest;
using Npgsql;

namespace FinOps.Infrastructure.Ingest;

/// <summary>
/// A format that can try a direct load before staging: rows straight into their table, ids resolved while
/// streaming. The pipeline runs it under a savepoint and falls back to staging on anything but
/// <see cref="DirectLoadResult.Loaded"/>.
/// </summary>
internal interface IDirectLoadFormat
{
    Task<DirectLoadResult> TryLoadDirectAsync(NpgsqlConnection connection, NpgsqlDataSource database, IngestInput input, StageContext context,
        long fileId, StageCounts counts, Action onRow, CancellationToken cancellationToken);
}

/// <summary>What a direct load attempt ended with; anything but <see cref="Loaded"/> leaves the caller to roll back.</summary>
internal abstract record DirectLoadResult
{
    public sealed record Loaded(long Stored, long Quarantined) : DirectLoadResult;

    /// <summary>A row fell in a month without a partition: create it outside the load, then try again.</summary>
    public sealed record NeedsPartition(DateOnly Month) : DirectLoadResult;

    /// <summary>The file needs the staged merge (duplicates, a name created concurrently, too many bad rows to hold).</summary>
    public sealed record FallBack(string Why) : DirectLoadResult;
}

/// <summary>
/// How the pipeline loads: the direct path can be switched off to compare it with the staged merge; the plausible
/// range of values (<see cref="IngestBounds"/>) is configurable, by default 2000-01-01 to ten years ahead, 10⁹ tokens
/// per direction and ±10¹² per amount.
/// </summary>
internal sealed record IngestLoadOptions(bool DirectLoad = true)
{
    public DateTimeOffset EarliestTimestamp { get; init; } = IngestBounds.DefaultEarliest;
    public int YearsAhead { get; init; } = IngestBounds.DefaultYearsAhead;
    public long MaxTokensPerDirection { get; init; } = IngestBounds.DefaultMaxTokens;
    public decimal MaxAbsoluteAmount { get; init; } = IngestBounds.DefaultMaxAmount;

    public IngestBounds BoundsAt(DateTimeOffset now) => new(EarliestTimestamp, now.AddYears(YearsAhead), MaxTokensPerDirection, MaxAbsoluteAmount);
}
