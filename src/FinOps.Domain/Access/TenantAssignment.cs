namespace FinOps.Domain.Access;

/// <summary>A tenant a team lead may see, or the one tenant a tenant viewer belongs to.</summary>
public sealed class TenantAssignment
{
    public required string UserId { get; init; }
    public required long TenantId { get; init; }
}
