namespace FinOps.Domain.Usage;

/// <summary>
/// One LLM request as the runtime logged it (SEMANTICS §2). Stored once per (source, request id); the first copy
/// wins. <see cref="InputTokens"/> includes the cached part.
/// </summary>
public sealed class TokenUsage
{
    public long Id { get; init; }
    public required long TenantId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Source { get; init; }
    public required string RequestId { get; init; }
    public required long FeatureId { get; init; }
    public required int ProviderId { get; init; }
    public required int ModelId { get; init; }

    /// <summary>The alias the request's model name resolved through (a dated snapshot, say); 0 when it named the model itself.</summary>
    public int ModelAliasId { get; init; }
    public required long InputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public required long OutputTokens { get; init; }
    public int? LatencyMs { get; init; }
    public string? Status { get; init; }
    public string? ServiceTier { get; init; }
    public string? Deployment { get; init; }
    public decimal? GpuSeconds { get; init; }

    /// <summary>Extra columns of the source row, kept as tags (SEMANTICS §9).</summary>
    public string? Tags { get; init; }

    /// <summary>The workflow execution (an agent run, say) the request was one call of, when the runtime said.</summary>
    public string? TraceId { get; init; }

    /// <summary>The kind of workflow the trace executes, when the runtime named it.</summary>
    public string? Workflow { get; init; }

    public long? FileId { get; init; }

    public long UncachedInputTokens => InputTokens - CachedInputTokens;
}
