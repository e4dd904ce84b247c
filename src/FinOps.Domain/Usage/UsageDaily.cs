namespace FinOps.Domain.Usage;

/// <summary>
/// Token usage per tenant × feature × provider × model × day in the organisation's reporting time zone: a view
/// summing <see cref="UsageHourly"/>, never raw requests.
/// </summary>
public sealed class UsageDaily
{
    public required long TenantId { get; init; }
    public required long FeatureId { get; init; }
    public required int ProviderId { get; init; }
    public required int ModelId { get; init; }
    public required DateOnly Day { get; init; }
    public long Requests { get; init; }
    public long InputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal GpuSeconds { get; init; }
}
