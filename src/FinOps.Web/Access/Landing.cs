using System.Security.Claims;
using FinOps.Domain.Access;

namespace FinOps.Web.Access;

/// <summary>
/// The page each role lands on: the one page a signed-in user can always open (never one that refuses them). Every
/// role lands on <c>/</c>: finance and team leads on their dashboard, a tenant viewer on its tenant's portal.
/// </summary>
public static class Landing
{
    public static string For(ClaimsPrincipal user) => Roles.All.Any(user.IsInRole) ? "/" : "/account/login";

    public static string For(IEnumerable<string> roles) => roles.Any(Roles.IsKnown) ? "/" : "/account/login";
}
