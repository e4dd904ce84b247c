namespace FinOps.Domain.Usage;

/// <summary>
/// Token usage summed per tenant × feature × provider × model × deployment × service tier × UTC hour, kept current
/// by the database on every insert and delete, so pages and jobs never scan raw requests. Hours make day windows in
/// the reporting time zone, hour windows and provider day offsets all exact (ADR 0004).
/// </summary>
public sealed class UsageHourly
{
    public required long TenantId { get; init; }
    public required long FeatureId { get; init; }
    public required int ProviderId { get; init; }
    public required int ModelId { get; init; }

    /// <summary>The catalog name (alias) the requests carried, which a snapshot's own price card prices; 0 when they named the model itself.</summary>
    public int ModelAliasId { get; init; }
    /// <summary>The deployment (infra pool) the requests ran on; empty when none.</summary>
    public string Deployment { get; init; } = "";

    /// <summary>The service tier (batch, priority, flex); empty when none.</summary>
    public string ServiceTier { get; init; } = "";
    public required DateTimeOffset Hour { get; init; }
    public long Requests { get; init; }
    public long InputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal GpuSeconds { get; init; }
}
