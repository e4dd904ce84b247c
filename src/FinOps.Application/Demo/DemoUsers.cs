using FinOps.Domain.Access;

namespace FinOps.Application.Demo;

/// <summary>The sign-ins that exist only in a demo database, one per role; printed by infra/run.sh.</summary>
public static class DemoUsers
{
    public const string Password = "FinOps-demo-2026";

    /// <summary>The team lead's first tenant: the demo gives one of its features a budget of its own.</summary>
    public const string LeadTenant = "acme-retail";

    public static IReadOnlyList<NewDemoUser> All { get; } =
    [
        new("finance@demo.finops", "Fiona Finance", Roles.FinanceAdmin, []),
        new("lead@demo.finops", "Leo Lead", Roles.TeamLead, [LeadTenant, "initech"]),
        new("viewer@demo.finops", "Vera Viewer", Roles.TenantViewer, ["globex-bank"]),
    ];
}

public sealed record NewDemoUser(string Email, string DisplayName, string Role, IReadOnlyList<string> TenantSlugs);
