namespace FinOps.Domain.Usage;

/// <summary>
/// The calls of one workflow execution (trace) summed per tenant × feature × model × batch or not × UTC hour, kept at
/// ingest like <see cref="UsageHourly"/>: the workflows page reads executions from here, never raw requests. An
/// execution spanning hours has a row per hour; first and last call make its duration.
/// </summary>
public sealed class UsageTraceHourly
{
    public required long TenantId { get; init; }
    public required DateTimeOffset Hour { get; init; }
    public required string TraceId { get; init; }
    public required long FeatureId { get; init; }
    public required int ModelId { get; init; }

    /// <summary>The catalog name (alias) the calls carried, which a snapshot's own price card prices; 0 when they named the model itself.</summary>
    public int ModelAliasId { get; init; }

    /// <summary>The calls ran on the batch tier (priced at the card's batch discount).</summary>
    public bool Batch { get; init; }

    public DateTimeOffset FirstAt { get; init; }
    public DateTimeOffset LastAt { get; init; }
    public long Calls { get; init; }
    public long InputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>The workflow name the calls carried (the first in byte order when they disagree); null when none did.</summary>
    public string? Workflow { get; init; }
}
