using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Overview;

public sealed record OverviewTenant(string Slug, string DisplayName);

public sealed record OverviewSummary(int TenantCount, int FeatureCount, IReadOnlyList<OverviewTenant> Tenants);

/// <summary>The overview page's numbers, read from the database.</summary>
public sealed class GetOverview(IFinOpsDbContextFactory contexts)
{
    public async Task<OverviewSummary> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking()
            .OrderBy(t => t.DisplayName)
            .Select(t => new { t.Slug, t.DisplayName })
            .ToListAsync(cancellationToken);
        var featureCount = await db.Features.CountAsync(cancellationToken);
        return new OverviewSummary(
            tenants.Count,
            featureCount,
            tenants.Select(t => new OverviewTenant(t.Slug.Value, t.DisplayName)).ToList());
    }
}
