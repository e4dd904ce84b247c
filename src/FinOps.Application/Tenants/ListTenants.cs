using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Tenants;

public sealed record TenantListItem(string Slug, string DisplayName, long RequestsThisYear);

/// <summary>The tenants the caller may see (the context's scope filters them), with their usage to date.</summary>
public sealed class ListTenants(IFinOpsReadDbContextFactory contexts)
{
    public async Task<IReadOnlyList<TenantListItem>> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking()
            .Select(t => new
            {
                t.Slug,
                t.DisplayName,
                Requests = db.UsageHourly.Where(u => u.TenantId == t.Id).Sum(u => (long?)u.Requests) ?? 0,
            })
            .ToListAsync(cancellationToken);
        return tenants
            .Select(t => new TenantListItem(t.Slug.Value, t.DisplayName, t.Requests))
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
