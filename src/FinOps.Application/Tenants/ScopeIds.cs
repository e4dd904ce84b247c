using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Tenants;

/// <summary>
/// A caller's scope of a report (a tenant, a feature, both or neither) as row ids, through the caller's own view of
/// the tenants: a tenant they may not see reads as one they may not see, never as empty.
/// </summary>
internal sealed record ScopeIds(long? TenantId, long? FeatureId)
{
    /// <returns>The ids, or why the scope cannot be read (a tenant outside the caller's scope, an unknown feature).</returns>
    public static async Task<(string? Refusal, ScopeIds Ids)> ReadAsync(IFinOpsDbContext db, string? tenant, string? feature, CancellationToken cancellationToken)
    {
        long? tenantId = null, featureId = null;
        if (tenant is not null)
        {
            if (ExactSlug.Of(tenant) is { } slug)
                tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (tenantId is null) return ($"tenant '{tenant}' is not one you may see", new ScopeIds(null, null));
        }
        if (feature is not null)
        {
            if (ExactSlug.Of(feature) is { } slug)
                featureId = await db.Features.AsNoTracking().Where(f => f.Slug == slug).Select(f => (long?)f.Id).SingleOrDefaultAsync(cancellationToken);
            if (featureId is null) return ($"feature '{feature}' is not known", new ScopeIds(null, null));
        }
        return (null, new ScopeIds(tenantId, featureId));
    }
}
