using System.Security.Claims;
using FinOps.Domain.Access;

namespace FinOps.Web.Access;

/// <summary>The page each role lands on: the one page a signed-in user can always open (never one that refuses them).</summary>
public static class Landing
{
    public static string For(ClaimsPrincipal user) =>
        user.IsInRole(Roles.FinanceAdmin) || user.IsInRole(Roles.TeamLead) ? "/" : user.IsInRole(Roles.TenantViewer) ? "/my-tenant" : "/account/login";

    public static string For(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return set.Contains(Roles.FinanceAdmin) || set.Contains(Roles.TeamLead) ? "/" : set.Contains(Roles.TenantViewer) ? "/my-tenant" : "/account/login";
    }
}
