using Microsoft.AspNetCore.Identity;

namespace FinOps.Infrastructure.Identity;

/// <summary>A person who signs in. The role is an Identity role; tenant access lives in tenant_assignments.</summary>
public sealed class FinOpsUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
