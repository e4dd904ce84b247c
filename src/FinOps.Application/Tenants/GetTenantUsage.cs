using FinOps.Application.Abstractions;
using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Tenants;

public sealed record MonthlyUsage(int Year, int Month, long Requests, long InputTokens, long CachedInputTokens, long OutputTokens)
{
    public string Period => $"{Year:D4}-{Month:D2}";
}

public sealed record FeatureUsage(string Feature, string DisplayName, long Requests, long Tokens);

public sealed record TenantUsage(string Slug, string DisplayName, IReadOnlyList<MonthlyUsage> Months, IReadOnlyList<FeatureUsage> Features);

/// <summary>
/// One tenant's usage by month (reporting time zone) and by feature, from the rollup. Null when the tenant does
/// not exist or is outside the caller's scope — the two are indistinguishable on purpose.
/// </summary>
public sealed class GetTenantUsage(IFinOpsReadDbContextFactory contexts)
{
    public async Task<TenantUsage?> HandleAsync(string slug, CancellationToken cancellationToken)
    {
        if (!Slug.TryParse(slug, out var parsed, out _)) return null;
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Slug == parsed, cancellationToken);
        if (tenant is null) return null;

        var months = await db.UsageDaily.AsNoTracking()
            .Where(d => d.TenantId == tenant.Id)
            .GroupBy(d => new { d.Day.Year, d.Day.Month })
            .Select(g => new MonthlyUsage(g.Key.Year, g.Key.Month, g.Sum(d => d.Requests), g.Sum(d => d.InputTokens),
                g.Sum(d => d.CachedInputTokens), g.Sum(d => d.OutputTokens)))
            .ToListAsync(cancellationToken);

        var features = await db.UsageHourly.AsNoTracking()
            .Where(u => u.TenantId == tenant.Id)
            .GroupBy(u => u.FeatureId)
            .Select(g => new { FeatureId = g.Key, Requests = g.Sum(u => u.Requests), Tokens = g.Sum(u => u.InputTokens + u.OutputTokens) })
            .Join(db.Features, u => u.FeatureId, f => f.Id, (u, f) => new { f.Slug, f.DisplayName, u.Requests, u.Tokens })
            .ToListAsync(cancellationToken);

        return new TenantUsage(
            tenant.Slug.Value,
            tenant.DisplayName,
            months.OrderBy(m => m.Year).ThenBy(m => m.Month).ToList(),
            features.Select(f => new FeatureUsage(f.Slug.Value, f.DisplayName, f.Requests, f.Tokens)).OrderByDescending(f => f.Tokens).ToList());
    }
}
