using FinOps.Application.Abstractions;
using FinOps.Application.Tenants;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>
/// The workflow executions of a period at list cost, through the caller's scope, from the execution rollup kept at
/// ingest (usage_trace_hourly — never raw requests at page time): calls that carry a trace id, grouped by (trace, tenant, feature) — a trace whose calls span two features is one execution of each — each model's
/// calls priced at the card in force at their first call, as the burn rate prices recent usage.
/// </summary>
/// <summary>The slugs of the tenants (through the caller's scope) and features, by id: read once per answer.</summary>
internal sealed record ScopeSlugs(IReadOnlyDictionary<long, string> Tenants, IReadOnlyDictionary<long, string> Features)
{
    public static async Task<ScopeSlugs> ReadAsync(IFinOpsDbContext db, CancellationToken cancellationToken) => new(
        await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug.Value, cancellationToken),
        await db.Features.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Slug.Value, cancellationToken));
}

internal static class TraceReader
{
    public static async Task<IReadOnlyList<TraceTotals>> ReadAsync(IFinOpsDbContext db, ChargePeriod period, ScopeIds scope, string? workflow, PriceBook prices,
        ScopeSlugs slugs, CancellationToken cancellationToken)
    {
        var (tenantId, featureId) = (scope.TenantId, scope.FeatureId);
        var groups = await db.UsageTraceHourly.AsNoTracking()
            .Where(u => u.Hour >= period.Start && u.Hour < period.End
                        && (tenantId == null || u.TenantId == tenantId) && (featureId == null || u.FeatureId == featureId))
            .GroupBy(u => new { u.TraceId, u.TenantId, u.FeatureId, u.ModelId, u.ModelAliasId, u.Batch })
            .Select(g => new
            {
                g.Key.TraceId, g.Key.TenantId, g.Key.FeatureId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Batch,
                First = g.Min(u => u.FirstAt), Last = g.Max(u => u.LastAt), Calls = g.Sum(u => u.Calls), Workflow = g.Min(u => u.Workflow),
                Uncached = g.Sum(u => u.InputTokens - u.CachedInputTokens), Cached = g.Sum(u => u.CachedInputTokens), Output = g.Sum(u => u.OutputTokens),
            })
            .ToListAsync(cancellationToken);
        if (groups.Count == 0) return [];
        var (tenants, features) = (slugs.Tenants, slugs.Features);

        return groups.GroupBy(g => (g.TraceId, g.TenantId, g.FeatureId))
            .Select(trace => new TraceTotals(trace.Key.TraceId!, tenants.GetValueOrDefault(trace.Key.TenantId, "?"), features.GetValueOrDefault(trace.Key.FeatureId, "?"),
                trace.Select(g => g.Workflow).Where(w => w != null).Order(StringComparer.Ordinal).FirstOrDefault() ?? TraceTotals.Unnamed,
                trace.Min(g => g.First), trace.Max(g => g.Last), (int)trace.Sum(g => g.Calls), trace.Sum(g => g.Uncached + g.Cached + g.Output),
                trace.Sum(g => prices.InForce(new PricedName(g.ModelId, g.ModelAliasId), g.First)?.ListCost(g.Uncached, g.Cached, g.Output, g.Batch) ?? 0m),
                null))
            .Where(t => workflow is null || t.Workflow == workflow)
            .ToList();
    }
}
