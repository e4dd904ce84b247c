using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>The organisation's profile as stored (with its logo and print settings).</summary>
public sealed record OrganisationBilling(OrganisationBillingProfile Profile, byte[]? Logo, bool IsSet);

/// <summary>Reads the billing profiles documents are printed with, falling back to display names and slugs.</summary>
public static class BillingProfiles
{
    public static async Task<OrganisationBilling> OrganisationAsync(IFinOpsDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.OrganisationBilling.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return stored is null ? new OrganisationBilling(OrganisationBillingProfile.Unset, null, false) : new OrganisationBilling(stored.ToProfile(), stored.Logo, true);
    }

    /// <summary>
    /// Each named tenant's profile, or its fallback (display name, default terms) when it has none; with a period, the
    /// purchase order set for that period replaces the profile's PO number.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (TenantBillingProfile Profile, bool IsSet)>> TenantsAsync(IFinOpsDbContext db, IReadOnlyCollection<string> slugs,
        string? period, CancellationToken cancellationToken)
    {
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug, t.DisplayName }).ToListAsync(cancellationToken))
            .Where(t => slugs.Contains(t.Slug.Value)).ToList();
        var ids = tenants.Select(t => t.Id).ToList();
        var profiles = await db.TenantBillingProfiles.AsNoTracking().Where(p => ids.Contains(p.TenantId)).ToDictionaryAsync(p => p.TenantId, cancellationToken);
        var orders = period is null ? [] : await db.PurchaseOrders.AsNoTracking().Where(o => o.Period == period && ids.Contains(o.TenantId))
            .ToDictionaryAsync(o => o.TenantId, o => o.PoNumber, cancellationToken);
        return tenants.ToDictionary(t => t.Slug.Value, t =>
        {
            var (profile, isSet) = profiles.TryGetValue(t.Id, out var p)
                ? (new TenantBillingProfile(t.Slug.Value, p.LegalName, p.Address, p.Country, p.TaxId, p.Email, p.PaymentTermsDays, p.PoNumber), true)
                : (TenantBillingProfile.Fallback(t.Slug.Value, t.DisplayName), false);
            return (orders.TryGetValue(t.Id, out var po) ? profile with { PoNumber = po } : profile, isSet);
        }, StringComparer.Ordinal);
    }

    /// <summary>The close's warning for each tenant it drafted an invoice for without a billing profile.</summary>
    public static async Task<IReadOnlyList<string>> MissingProfilesAsync(IFinOpsDbContext db, string period, CancellationToken cancellationToken)
    {
        var invoiced = await db.Invoices.AsNoTracking().Where(i => i.Period == period).Select(i => i.Tenant).Distinct().ToListAsync(cancellationToken);
        var profiles = await TenantsAsync(db, invoiced, period, cancellationToken);
        return profiles.Where(p => !p.Value.IsSet).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"tenant {p.Key} has no billing profile: its invoice is made out to \"{p.Value.Profile.LegalName}\" (./finops billing tenants import)")
            .ToList();
    }
}
