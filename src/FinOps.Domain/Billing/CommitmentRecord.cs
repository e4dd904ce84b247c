namespace FinOps.Domain.Billing;

/// <summary>A declared commitment as stored: one row per version (provider, commitment, effective day).</summary>
public sealed class CommitmentRecord
{
    public long Id { get; init; }
    public required int ProviderId { get; init; }
    public required string Commitment { get; init; }
    public required string Deployment { get; set; }
    public required decimal CapacityTokensPerMinute { get; set; }
    public required DateOnly EffectiveFrom { get; init; }
    public required DateTimeOffset DeclaredAt { get; set; }
    public required string DeclaredBy { get; set; }
}
