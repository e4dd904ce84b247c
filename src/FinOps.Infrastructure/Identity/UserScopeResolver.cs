using System.Security.Claims;
using FinOps.Domain.Access;
using FinOps.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Identity;

/// <summary>Turns a signed-in principal into its <see cref="AccessScope"/>: admins everything, others their assignments.</summary>
public sealed class UserScopeResolver(IDbContextFactory<FinOpsDbContext> contexts)
{
    public async Task<AccessScope> ResolveAsync(ClaimsPrincipal? principal, CancellationToken cancellationToken)
    {
        if (principal?.Identity?.IsAuthenticated != true) return AccessScope.Nothing;
        if (principal.IsInRole(Roles.FinanceAdmin)) return AccessScope.Unrestricted;
        if (!principal.IsInRole(Roles.TeamLead) && !principal.IsInRole(Roles.TenantViewer)) return AccessScope.Nothing;

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return AccessScope.Nothing;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Scope = AccessScope.Unrestricted; // reading the assignments that define the scope
        var tenantIds = await db.TenantAssignments.Where(a => a.UserId == userId).Select(a => a.TenantId).ToListAsync(cancellationToken);
        return AccessScope.OfTenants(tenantIds);
    }
}
