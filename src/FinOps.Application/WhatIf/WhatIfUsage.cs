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
        var (refusal, scope) = await Tenants.ScopeIds.ReadAsync(db, tenant, feature, cancellationToken);
        if (refusal is not null) return (refusal, []);
        var (tenantId, featureId) = (scope.TenantId, scope.FeatureId);
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
