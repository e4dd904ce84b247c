using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using FinOps.Application.Costs;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Portal;

/// <summary>One tenant's daily cost per feature for a period (its portal's CSV); null when the tenant is not the caller's to see.</summary>
public sealed class ExportTenantDailyCosts(IFinOpsReadDbContextFactory contexts, GetCostSeries series)
{
    public async Task<CostSeriesAnswer?> HandleAsync(string tenant, ChargePeriod period, CancellationToken cancellationToken)
    {
        if (Tenants.ExactSlug.Of(tenant) is not { } slug) return null;
        long? tenantId;
        await using (var db = await contexts.CreateAsync(cancellationToken))
            tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (tenantId is not { } id) return null;
        using var focus = TenantFocus.On(id);
        return await series.HandleAsync(period, CostBreakdown.TenantFeature, null, cancellationToken);
    }
}
