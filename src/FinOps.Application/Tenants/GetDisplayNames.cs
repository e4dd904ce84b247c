using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Tenants;

/// <summary>What pages show instead of slugs: tenants' and features' display names (tenants through the caller's scope).</summary>
public sealed record DisplayNames(IReadOnlyDictionary<string, string> Tenants, IReadOnlyDictionary<string, string> Features)
{
    public string Tenant(string slug) => Tenants.GetValueOrDefault(slug, slug);
    public string Feature(string slug) => Features.GetValueOrDefault(slug, slug);
}

public sealed class GetDisplayNames(IFinOpsReadDbContextFactory contexts)
{
    public async Task<DisplayNames> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Slug.Value, t => t.DisplayName, StringComparer.Ordinal);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Slug.Value, f => f.DisplayName, StringComparer.Ordinal);
        return new DisplayNames(tenants, features);
    }
}
