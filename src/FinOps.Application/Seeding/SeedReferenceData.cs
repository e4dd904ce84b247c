using FinOps.Application.Abstractions;
using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Seeding;

public sealed record SeedResult(int TenantsAdded, int FeaturesAdded);

/// <summary>
/// Adds the starter tenants and features an evaluation opens on. Idempotent: rows are matched by slug, so running
/// it again adds nothing and never renames what finance changed.
/// </summary>
public sealed class SeedReferenceData(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    internal static readonly (string Slug, string Name)[] StarterTenants =
    [
        ("acme-retail", "Acme Retail"),
        ("globex-bank", "Globex Bank"),
        ("initech", "Initech"),
        ("umbrella-health", "Umbrella Health"),
    ];

    internal static readonly (string Slug, string Name)[] StarterFeatures =
    [
        ("support-chat", "Support chat"),
        ("doc-summarizer", "Document summarizer"),
        ("code-review", "Code review assistant"),
        ("search-rerank", "Search re-ranking"),
        ("invoice-extraction", "Invoice extraction"),
    ];

    public async Task<SeedResult> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var knownTenants = (await db.Tenants.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var newTenants = StarterTenants
            .Where(t => !knownTenants.Contains(Slug.Parse(t.Slug)))
            .Select(t => Tenant.Create(Slug.Parse(t.Slug), t.Name, now))
            .ToList();
        db.Tenants.AddRange(newTenants);

        var knownFeatures = (await db.Features.Select(f => f.Slug).ToListAsync(cancellationToken)).ToHashSet();
        var newFeatures = StarterFeatures
            .Where(f => !knownFeatures.Contains(Slug.Parse(f.Slug)))
            .Select(f => Feature.Create(Slug.Parse(f.Slug), f.Name, now))
            .ToList();
        db.Features.AddRange(newFeatures);

        await db.SaveChangesAsync(cancellationToken);
        return new SeedResult(newTenants.Count, newFeatures.Count);
    }
}
