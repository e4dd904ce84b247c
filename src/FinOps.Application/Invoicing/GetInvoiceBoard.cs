using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>One line of the invoices page: the invoice, its tenant's display name, and whether the tenant has a billing profile.</summary>
public sealed record InvoiceBoardRow(InvoiceRow Invoice, string TenantName, bool HasProfile);

/// <summary>
/// A period's invoices as finance works them, with every figure the page shows computed here: the drafts still to
/// finalise (how many, their total, those whose tenant has no billing profile) and what the period has invoiced net of
/// credit notes.
/// </summary>
public sealed record InvoiceBoard(ChargePeriod Period, bool Closed, string Currency, IReadOnlyList<InvoiceBoardRow> Rows)
{
    public IReadOnlyList<InvoiceBoardRow> Drafts => Rows.Where(r => r.Invoice.IsDraft).ToList();
    public decimal DraftTotal => Drafts.Sum(r => r.Invoice.Total);
    public IReadOnlyList<InvoiceBoardRow> DraftsWithoutProfile => Drafts.Where(r => !r.HasProfile).ToList();

    /// <summary>Finalised invoices less what credit notes reversed: what the period's tenants owe.</summary>
    public decimal Invoiced => Rows.Where(r => !r.Invoice.IsDraft && r.Invoice.CreditedBy is null).Sum(r => r.Invoice.Total);
}

public sealed class GetInvoiceBoard(IFinOpsReadDbContextFactory contexts, ListInvoices invoices)
{
    public async Task<InvoiceBoard> HandleAsync(ChargePeriod period, string actor, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        if (!await db.PeriodCloses.AsNoTracking().AnyAsync(c => c.Period == text, cancellationToken)) return new InvoiceBoard(period, false, currency, []);
        var rows = await invoices.HandleAsync(period, actor, cancellationToken);
        var profiles = await BillingProfiles.TenantsAsync(db, rows.Select(r => r.Tenant).Distinct().ToList(), text, cancellationToken);
        var names = (await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Slug.Value, t => t.DisplayName, StringComparer.Ordinal);
        return new InvoiceBoard(period, true, rows.FirstOrDefault()?.Currency ?? currency,
            rows.Select(r => new InvoiceBoardRow(r, names.GetValueOrDefault(r.Tenant, r.Tenant), profiles.TryGetValue(r.Tenant, out var p) && p.IsSet)).ToList());
    }

    /// <summary>A draft's lines as its PDF prints them, for review beside it; empty when it is not a draft the caller may see.</summary>
    public async Task<IReadOnlyList<SheetLine>> DraftLinesAsync(long invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId && i.Status == InvoiceStatus.Draft, cancellationToken);
        if (invoice is null) return [];
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == invoiceId).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        return lines.Select(l => InvoiceLines.ToStatementLine(l, invoice.Tenant))
            .Select(l => new SheetLine(l.Feature, InvoiceLineWording.Item(l), InvoiceLineWording.Basis(l), l.Amount, l.AdjustsPeriod)).ToList();
    }
}
