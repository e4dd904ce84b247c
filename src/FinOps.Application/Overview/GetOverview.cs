using FinOps.Application.Abstractions;
using FinOps.Application.Tenants;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Overview;

public sealed record OverviewTenant(string Slug, string DisplayName);

public sealed record OverviewSummary(
    int TenantCount, int FeatureCount, IReadOnlyList<OverviewTenant> Tenants, IReadOnlyList<MonthlyUsage> UsageByMonth)
{
    public long TotalRequests => UsageByMonth.Sum(m => m.Requests);
}

/// <summary>The overview page's numbers, read from the database within the caller's scope.</summary>
public sealed class GetOverview(IFinOpsReadDbContextFactory contexts)
{
    public async Task<OverviewSummary> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking()
            .OrderBy(t => t.DisplayName)
            .Select(t => new { t.Slug, t.DisplayName })
            .ToListAsync(cancellationToken);
        // Features belong to no tenant: a scoped caller counts only the features their tenants used.
        var featureCount = db.Scope.IsUnrestricted
            ? await db.Features.CountAsync(cancellationToken)
            : await db.UsageHourly.Select(h => h.FeatureId).Distinct().CountAsync(cancellationToken);
        var months = await db.UsageDaily.AsNoTracking()
            .GroupBy(d => new { d.Day.Year, d.Day.Month })
            .Select(g => new MonthlyUsage(g.Key.Year, g.Key.Month, g.Sum(d => d.Requests), g.Sum(d => d.InputTokens),
                g.Sum(d => d.CachedInputTokens), g.Sum(d => d.OutputTokens)))
            .ToListAsync(cancellationToken);
        return new OverviewSummary(
            tenants.Count,
            featureCount,
            tenants.Select(t => new OverviewTenant(t.Slug.Value, t.DisplayName)).ToList(),
            months.OrderBy(m => m.Year).ThenBy(m => m.Month).ToList());
    }
}
