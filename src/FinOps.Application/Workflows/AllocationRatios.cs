using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>
/// What a list-cost unit of a tenant × feature's usage was allocated in a period: the period's stored statement run's
/// exact amounts of that tenant × feature (its direct lines and its shares of pools; adjustments of other periods and
/// tenant-wide lines left out) ÷ the list cost of its usage in the period. A trace's allocated cost is its list cost
/// × its tenant × feature's ratio, so the executions of a feature add up to what its statement charged for them.
/// Null until the period has a statement run.
/// </summary>
internal static class AllocationRatios
{
    public sealed record Ratios(DateTimeOffset ComputedAt, IReadOnlyDictionary<(string Tenant, string Feature), decimal> ByScope);

    public static async Task<Ratios?> ReadAsync(IFinOpsDbContext db, ChargePeriod period, IReadOnlyCollection<(string Tenant, string Feature)> scopes, PriceBook prices,
        ScopeSlugs slugs, CancellationToken cancellationToken)
    {
        var key = period.ToString();
        var run = await db.StatementRuns.AsNoTracking().Where(r => r.Period == key).Select(r => new { r.Id, r.ComputedAt }).SingleOrDefaultAsync(cancellationToken);
        if (run is null || scopes.Count == 0) return null;
        var tenantSlugs = scopes.Select(s => s.Tenant).Distinct().ToList();
        var amounts = await db.StatementLines.AsNoTracking()
            .Where(l => l.RunId == run.Id && l.AdjustsPeriod == null && tenantSlugs.Contains(l.Tenant))
            .GroupBy(l => new { l.Tenant, l.Feature }).Select(g => new { g.Key.Tenant, g.Key.Feature, Amount = g.Sum(l => l.ExactAmount) })
            .ToListAsync(cancellationToken);

        var (tenants, features) = (slugs.Tenants, slugs.Features);
        var tenantIds = tenants.Where(t => tenantSlugs.Contains(t.Value)).Select(t => t.Key).ToList();
        var usage = await db.UsageHourly.AsNoTracking()
            .Where(h => h.Hour >= period.Start && h.Hour < period.End && tenantIds.Contains(h.TenantId))
            .GroupBy(h => new { h.TenantId, h.FeatureId, h.ModelId, h.ModelAliasId, Batch = h.ServiceTier == "batch", h.Hour })
            .Select(g => new { g.Key.TenantId, g.Key.FeatureId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Batch, g.Key.Hour,
                Uncached = g.Sum(h => h.InputTokens - h.CachedInputTokens), Cached = g.Sum(h => h.CachedInputTokens), Output = g.Sum(h => h.OutputTokens) })
            .ToListAsync(cancellationToken);
        var listCost = usage.GroupBy(u => (tenants.GetValueOrDefault(u.TenantId, "?"), features.GetValueOrDefault(u.FeatureId, "?")))
            .ToDictionary(g => g.Key, g => g.Sum(u => prices.InForce(new PricedName(u.ModelId, u.ModelAliasId), u.Hour)?.ListCost(u.Uncached, u.Cached, u.Output, u.Batch) ?? 0m));

        var ratios = new Dictionary<(string, string), decimal>();
        foreach (var scope in scopes)
        {
            var amount = amounts.Where(a => a.Tenant == scope.Tenant && a.Feature == scope.Feature).Sum(a => a.Amount);
            if (listCost.GetValueOrDefault(scope) is var list and > 0m) ratios[scope] = amount / list;
        }
        return new Ratios(run.ComputedAt, ratios);
    }
}
