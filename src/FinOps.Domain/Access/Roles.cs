namespace FinOps.Domain.Access;

/// <summary>The three roles of FinOps. A user holds exactly one.</summary>
public static class Roles
{
    /// <summary>Everything: ingest, rules, close, users.</summary>
    public const string FinanceAdmin = "FinanceAdmin";

    /// <summary>Spend of the tenants assigned to them, and nothing else.</summary>
    public const string TeamLead = "TeamLead";

    /// <summary>One tenant's statements and invoices.</summary>
    public const string TenantViewer = "TenantViewer";

    public static IReadOnlyList<string> All { get; } = [FinanceAdmin, TeamLead, TenantViewer];

    public static bool IsKnown(string? role) => role is FinanceAdmin or TeamLead or TenantViewer;
}
