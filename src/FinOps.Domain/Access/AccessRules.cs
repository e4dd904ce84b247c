namespace FinOps.Domain.Access;

/// <summary>Which tenant assignments each role takes.</summary>
public static class AccessRules
{
    /// <returns>Why the combination is refused, or null when it is valid.</returns>
    public static string? Validate(string role, int tenantCount) => role switch
    {
        Roles.FinanceAdmin when tenantCount > 0 => "a FinanceAdmin sees every tenant; assign no tenants",
        Roles.FinanceAdmin => null,
        Roles.TeamLead when tenantCount == 0 => "a TeamLead needs at least one tenant",
        Roles.TeamLead => null,
        Roles.TenantViewer when tenantCount != 1 => "a TenantViewer belongs to exactly one tenant",
        Roles.TenantViewer => null,
        _ => $"unknown role '{role}'; use one of {string.Join(", ", Roles.All)}",
    };
}
