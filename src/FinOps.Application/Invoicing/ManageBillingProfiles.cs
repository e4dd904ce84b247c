using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Invoicing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>The organisation profile as a user gives it (file, page); the logo already read from its file.</summary>
public sealed record OrganisationProfileInput(string? LegalName, string? Address, string? TaxId, string? RemitTo, string? Footer, byte[]? Logo,
    string? Paper, string? AmountFormat);

/// <summary>One row of a tenant profiles file, with the line it came from.</summary>
public sealed record TenantProfileRow(long Line, string? Tenant, string? LegalName, string? Address, string? Country, string? TaxId, string? Email,
    string? PaymentTermsDays, string? PoNumber);

/// <summary>A tenant and the profile its invoices are made out with; <paramref name="IsSet"/> false when that is the fallback.</summary>
public sealed record TenantProfileView(string Tenant, string DisplayName, TenantBillingProfile Profile, bool IsSet);

/// <summary>A problem with an input: where (line and column, when it came from a file) and why.</summary>
public sealed record ProfileProblem(long? Line, string? Column, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, column {Column}: {Message}" : Column is null ? Message : $"{Column}: {Message}";
}

/// <summary>
/// Sets the organisation's billing profile and imports tenants' (all or nothing, every problem by line and column),
/// audited with the values before and after. Finalised invoices keep the profiles they were issued with.
/// </summary>
public sealed class ManageBillingProfiles(IFinOpsDbContextFactory contexts, IInvoiceRenderer renderer, TimeProvider clock)
{
    public const int MaxTenantRows = 100_000;

    public async Task<IReadOnlyList<ProfileProblem>> SetOrganisationAsync(OrganisationProfileInput input, string actor, CancellationToken cancellationToken)
    {
        var problems = OrganisationBillingProfile.Problems(input.LegalName, input.Address, input.TaxId, input.RemitTo, input.Footer)
            .Select(p => new ProfileProblem(null, null, p)).ToList();
        try { PaperSize.Parse(input.Paper); } catch (FormatException e) { problems.Add(new ProfileProblem(null, "paper", e.Message)); }
        try { AmountFormat.Parse(input.AmountFormat); } catch (FormatException e) { problems.Add(new ProfileProblem(null, "amount_format", e.Message)); }
        if (input.Logo is { } logo)
        {
            if (logo.Length > OrganisationBillingProfile.MaxLogoBytes)
                problems.Add(new ProfileProblem(null, "logo", $"the logo is {logo.Length:N0} bytes (at most 1 MB)"));
            else if (!renderer.IsReadablePng(logo)) problems.Add(new ProfileProblem(null, "logo", "the logo is not a readable PNG image"));
        }
        if (problems.Count > 0) return problems;

        await using var db = await contexts.CreateAsync(cancellationToken);
        var stored = await db.OrganisationBilling.SingleOrDefaultAsync(cancellationToken);
        var before = stored is null ? null : Snapshot(stored);
        var now = clock.GetUtcNow();
        if (stored is null)
        {
            stored = new OrganisationBillingRecord { LegalName = input.LegalName!.Trim(), UpdatedAt = now, UpdatedBy = actor };
            db.OrganisationBilling.Add(stored);
        }
        stored.LegalName = input.LegalName!.Trim();
        stored.Address = Blank(input.Address);
        stored.TaxId = Blank(input.TaxId);
        stored.RemitTo = Blank(input.RemitTo);
        stored.Footer = Blank(input.Footer);
        stored.Logo = input.Logo;
        stored.Paper = PaperSize.Parse(input.Paper).Name;
        stored.AmountFormat = AmountFormat.Parse(input.AmountFormat).Name();
        stored.UpdatedAt = now;
        stored.UpdatedBy = actor;
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "billing.organisation.set", EntityType = "billing_profile", EntityId = "organisation",
            Details = JsonSerializer.Serialize(new { before, after = Snapshot(stored) }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<ProfileProblem>> ImportTenantsAsync(IReadOnlyList<TenantProfileRow> rows, string actor, CancellationToken cancellationToken)
    {
        if (rows.Count > MaxTenantRows) return [new ProfileProblem(null, null, $"the file has {rows.Count:N0} rows (at most {MaxTenantRows:N0})")];
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
        var problems = new List<ProfileProblem>();
        var accepted = new List<(long TenantId, string Slug, TenantProfileRow Row, int Terms)>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var slug = row.Tenant?.Trim().ToLowerInvariant() ?? "";
            if (slug.Length == 0) problems.Add(new ProfileProblem(row.Line, "tenant", "tenant is required"));
            else if (!tenants.ContainsKey(slug)) problems.Add(new ProfileProblem(row.Line, "tenant", $"tenant '{Shown(slug)}' is not known (tenants appear with their first usage)"));
            else if (seen.TryGetValue(slug, out var first)) problems.Add(new ProfileProblem(row.Line, "tenant", $"tenant '{slug}' is already on line {first}"));
            else seen[slug] = row.Line;
            var rowProblems = TenantBillingProfile.Problems(row.LegalName, row.Address, row.Country, row.TaxId, row.Email, row.PaymentTermsDays, row.PoNumber, out var terms);
            problems.AddRange(rowProblems.Select(p => new ProfileProblem(row.Line, p.Column, p.Problem)));
            if (rowProblems.Count == 0 && tenants.TryGetValue(slug, out var id)) accepted.Add((id, slug, row, terms));
        }
        if (problems.Count > 0) return problems;

        var ids = accepted.Select(a => a.TenantId).ToList();
        var stored = await db.TenantBillingProfiles.Where(p => ids.Contains(p.TenantId)).ToDictionaryAsync(p => p.TenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var changes = new List<object>();
        foreach (var (tenantId, slug, row, terms) in accepted)
        {
            var before = stored.TryGetValue(tenantId, out var existing) ? Snapshot(existing) : null;
            if (existing is null)
            {
                existing = new TenantBillingRecord { TenantId = tenantId, LegalName = row.LegalName!.Trim(), UpdatedAt = now, UpdatedBy = actor };
                db.TenantBillingProfiles.Add(existing);
            }
            existing.LegalName = row.LegalName!.Trim();
            existing.Address = Blank(row.Address);
            existing.Country = Blank(row.Country);
            existing.TaxId = Blank(row.TaxId);
            existing.Email = Blank(row.Email);
            existing.PaymentTermsDays = terms;
            existing.PoNumber = Blank(row.PoNumber);
            existing.UpdatedAt = now;
            existing.UpdatedBy = actor;
            changes.Add(new { tenant = slug, before, after = Snapshot(existing) });
        }
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "billing.tenants.imported", EntityType = "billing_profile", EntityId = "tenants",
            Details = JsonSerializer.Serialize(new { rows = accepted.Count, changes }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    /// <summary>Sets (or, with an empty number, clears) a tenant's purchase order for one period; audited. Null when done, else why not.</summary>
    public async Task<string?> SetPurchaseOrderAsync(string tenant, Domain.Periods.ChargePeriod period, string? poNumber, string actor, CancellationToken cancellationToken)
    {
        var problems = TenantBillingProfile.Problems("x", null, null, null, null, null, poNumber, out _);
        if (problems.Count > 0) return problems[0].Problem;
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenantId = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken))
            .Where(t => t.Slug.Value == tenant.Trim().ToLowerInvariant()).Select(t => (long?)t.Id).SingleOrDefault();
        if (tenantId is null) return $"tenant '{tenant}' is not known";
        if (await db.Invoices.AnyAsync(i => i.TenantId == tenantId && i.Period == text && i.Status == InvoiceStatus.Finalised && i.ReissueOf == null
                                            && !db.CreditNotes.Any(c => c.InvoiceId == i.Id), cancellationToken))
            return $"{tenant}'s invoice for {text} is finalised: a new PO number reaches it only through a credit note and re-issue";
        var stored = await db.PurchaseOrders.SingleOrDefaultAsync(o => o.TenantId == tenantId && o.Period == text, cancellationToken);
        var now = clock.GetUtcNow();
        var before = stored?.PoNumber;
        var number = string.IsNullOrWhiteSpace(poNumber) ? null : poNumber.Trim();
        if (number is null && stored is not null) db.PurchaseOrders.Remove(stored);
        else if (number is not null && stored is null)
            db.PurchaseOrders.Add(new PeriodPurchaseOrder { TenantId = tenantId.Value, Period = text, PoNumber = number, SetAt = now, SetBy = actor });
        else if (number is not null) { stored!.PoNumber = number; stored.SetAt = now; stored.SetBy = actor; }
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "billing.purchase_order.set", EntityType = "billing_profile", EntityId = $"{tenant}/{text}",
            Details = JsonSerializer.Serialize(new { before, after = number }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Every tenant's stored profile, by slug (the import file's shape).</summary>
    public async Task<IReadOnlyList<TenantBillingProfile>> ExportTenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = await db.TenantBillingProfiles.AsNoTracking()
            .Join(db.Tenants, p => p.TenantId, t => t.Id, (p, t) => new { p, t.Slug }).ToListAsync(cancellationToken);
        return rows.Select(r => new TenantBillingProfile(r.Slug.Value, r.p.LegalName, r.p.Address, r.p.Country, r.p.TaxId, r.p.Email, r.p.PaymentTermsDays, r.p.PoNumber))
            .OrderBy(p => p.Tenant, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every tenant with the profile its invoices print (its own, or the fallback when it has none), for the profiles page.</summary>
    public async Task<IReadOnlyList<TenantProfileView>> TenantsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.DisplayName }).ToListAsync(cancellationToken);
        var profiles = await BillingProfiles.TenantsAsync(db, tenants.Select(t => t.Slug.Value).ToList(), null, cancellationToken);
        return tenants.Select(t => new TenantProfileView(t.Slug.Value, t.DisplayName, profiles[t.Slug.Value].Profile, profiles[t.Slug.Value].IsSet))
            .OrderBy(t => t.IsSet).ThenBy(t => t.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task<OrganisationBilling> OrganisationAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await BillingProfiles.OrganisationAsync(db, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static object Snapshot(OrganisationBillingRecord o) => new
    {
        legal_name = o.LegalName, address = o.Address, tax_id = o.TaxId, remit_to = o.RemitTo, footer = o.Footer, paper = o.Paper, amount_format = o.AmountFormat,
        logo_sha256 = o.Logo is null ? null : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(o.Logo)),
    };

    private static object Snapshot(TenantBillingRecord t) => new
    {
        legal_name = t.LegalName, address = t.Address, country = t.Country, tax_id = t.TaxId, email = t.Email, payment_terms_days = t.PaymentTermsDays, po_number = t.PoNumber,
    };
}
