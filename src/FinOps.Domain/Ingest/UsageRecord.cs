namespace FinOps.Domain.Ingest;

/// <summary>One token-usage row normalised to SEMANTICS §2, before tenants, features and models get ids.</summary>
public sealed record UsageRecord(
    string Source,
    string RequestId,
    DateTimeOffset OccurredAt,
    string Tenant,
    string Feature,
    string Provider,
    string Model,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens,
    int? LatencyMs,
    string? Status,
    string? ServiceTier,
    string? Deployment,
    decimal? GpuSeconds,
    string? Tags,
    string? TraceId = null,
    string? Workflow = null)
{
    /// <summary>The longest trace id and workflow name stored: OTel trace ids are 32 hex digits, gateway ids rarely longer.</summary>
    public const int MaxTraceIdLength = 200, MaxWorkflowLength = 200;
}
