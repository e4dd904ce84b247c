namespace FinOps.Domain.Tenancy;

/// <summary>
/// A slug folded into another (<c>acme</c> → <c>acme-retail</c>): rows keep their original id, and reads follow
/// the surviving slug, so history is never rewritten.
/// </summary>
public sealed class TenantMerge
{
    public long Id { get; init; }
    public required long FromTenantId { get; init; }
    public required long IntoTenantId { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
    public required string MergedBy { get; init; }
    public string? Reason { get; init; }
}

/// <inheritdoc cref="TenantMerge"/>
public sealed class FeatureMerge
{
    public long Id { get; init; }
    public required long FromFeatureId { get; init; }
    public required long IntoFeatureId { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
    public required string MergedBy { get; init; }
    public string? Reason { get; init; }
}
