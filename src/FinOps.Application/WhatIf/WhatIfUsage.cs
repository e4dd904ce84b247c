using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.WhatIf;

/// <summary>One hour of a scope's vendor usage of one provider × model (name as priced), the batch tier apart.</summary>
public sealed record WhatIfHour(int ProviderId, int ModelId, int AliasId, bool Batch, DateTimeOffset Hour, long Uncached, long Cached, long Output);

/// <summary>
/// The usage a what-if reads: a tenant's, a feature's, both, or everything the caller may see, of a period, from the
/// hourly rollup — vendor usage only (self-hosted usage on an infra pool's deployment has no vendor card to compare).
/// </summary>
internal static class WhatIfUsage
{
    /// <returns>The hours, or why the scope cannot be read (a tenant outside the caller's scope, an unknown feature).</returns>
    public static async Task<(string? Refusal, IReadOnlyList<WhatIfHour> Hours)> ReadAsync(IFinOpsDbContext db, ChargePeriod period, string? tenant, string? feature,
        CancellationToken cancellationToken)
    {
        long? tenantId = null, featureId = null;
        if (tenant is not null)
        {
            if (Tenants.ExactSlug.Of(tenant) is { } slug)
                tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (tenantId is null) return ($"tenant '{tenant}' is not one you may see", []);
        }
        if (feature is not null)
        {
            if (Tenants.ExactSlug.Of(feature) is { } slug)
                featureId = await db.Features.AsNoTracking().Where(f => f.Slug == slug).Select(f => (long?)f.Id).SingleOrDefaultAsync(cancellationToken);
            if (featureId is null) return ($"feature '{feature}' is not known", []);
        }
        var pools = db.InfraCosts.Select(c => c.Pool).Distinct();
        var hours = await db.UsageHourly.AsNoTracking()
            .Where(h => h.Hour >= period.Start && h.Hour < period.End && (tenantId == null || h.TenantId == tenantId) && (featureId == null || h.FeatureId == featureId)
                        && !pools.Contains(h.Deployment))
            .GroupBy(h => new { h.ProviderId, h.ModelId, h.ModelAliasId, Batch = h.ServiceTier == "batch", h.Hour })
            .Select(g => new WhatIfHour(g.Key.ProviderId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Batch, g.Key.Hour,
                g.Sum(h => h.InputTokens - h.CachedInputTokens), g.Sum(h => h.CachedInputTokens), g.Sum(h => h.OutputTokens)))
            .ToListAsync(cancellationToken);
        return (null, hours);
    }
}
