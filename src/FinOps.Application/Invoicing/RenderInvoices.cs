using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>A document to hand out: its file name (<c>INV-2026-00001-acme.pdf</c>, <c>DRAFT-2026-09-acme.pdf</c>, <c>CN-…</c>), bytes and warnings.</summary>
public sealed record InvoiceFile(string FileName, byte[] Pdf, int Pages, string? Sha256, IReadOnlyList<string> Warnings);

/// <summary>
/// The PDFs of a closed period: finalised invoices and credit notes exactly as stored at finalisation, drafts drawn
/// now (with the profiles as they are, marked DRAFT; the same draft always gives the same bytes).
/// </summary>
public sealed class RenderInvoices(IFinOpsDbContextFactory contexts, InvoiceDrafts drafts, IInvoiceRenderer renderer)
{
    public async Task<(string? Refusal, IReadOnlyList<InvoiceFile> Files)> HandleAsync(ChargePeriod period, string? tenant, string actor, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (!await db.PeriodCloses.AnyAsync(c => c.Period == text, cancellationToken))
            return ($"period {text} is not closed: it has no invoices yet (./finops close --period {text})", []);
        await drafts.EnsureAsync(period, actor, cancellationToken);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.Period == text && (tenant == null || i.Tenant == tenant))
            .OrderBy(i => i.Tenant).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        if (tenant is not null && invoices.Count == 0) return ($"tenant {tenant} has no invoice for {text}", []);

        var files = new List<InvoiceFile>();
        var ids = invoices.Select(i => i.Id).ToList();
        var stored = await db.InvoiceDocuments.AsNoTracking().Where(d => d.InvoiceId != null && ids.Contains(d.InvoiceId.Value)).ToDictionaryAsync(d => d.InvoiceId!.Value, cancellationToken);
        var credits = await db.CreditNotes.AsNoTracking().Where(c => ids.Contains(c.InvoiceId))
            .Join(db.InvoiceDocuments, c => c.Id, d => d.CreditNoteId, (c, d) => new { c, d }).ToListAsync(cancellationToken);
        foreach (var (invoice, sheet) in await DraftSheetsAsync(db, text, invoices.Where(i => i.Status == InvoiceStatus.Draft).ToList(), cancellationToken))
        {
            var rendered = renderer.Render(sheet);
            files.Add(new InvoiceFile($"DRAFT-{text}-{invoice.Tenant}.pdf", rendered.Pdf, rendered.Pages, null, rendered.Warnings));
        }
        foreach (var invoice in invoices.Where(i => i.Status == InvoiceStatus.Finalised))
        {
            var document = stored[invoice.Id];
            files.Add(new InvoiceFile($"{invoice.Number}-{invoice.Tenant}.pdf", document.Pdf, document.Pages, document.Sha256, []));
        }
        foreach (var credit in credits)
        {
            var tenantOf = invoices.Single(i => i.Id == credit.c.InvoiceId).Tenant;
            files.Add(new InvoiceFile($"{credit.c.Number}-{tenantOf}.pdf", credit.d.Pdf, credit.d.Pages, credit.d.Sha256, []));
        }
        return (null, files);
    }

    /// <summary>One draft as it would print now, for review before it is finalised; null when it is not a draft (any more) or not visible.</summary>
    public async Task<InvoiceFile?> DraftAsync(long invoiceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId && i.Status == InvoiceStatus.Draft, cancellationToken);
        if (invoice is null) return null;
        var (_, sheet) = (await DraftSheetsAsync(db, invoice.Period, [invoice], cancellationToken)).Single();
        var rendered = renderer.Render(sheet);
        return new InvoiceFile($"DRAFT-{invoice.Period}-{invoice.Tenant}.pdf", rendered.Pdf, rendered.Pages, null, rendered.Warnings);
    }

    /// <summary>A finalised invoice's or credit note's PDF exactly as stored, through the caller's scope; null when there is none they may see.</summary>
    public async Task<InvoiceFile?> IssuedAsync(string number, CancellationToken cancellationToken)
    {
        if (!DocumentNumber.TryParse(number, out var parsed)) return null;
        var text = parsed.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var found = parsed.Series == DocumentSeries.CreditNote
            ? await db.CreditNotes.AsNoTracking().Where(c => c.Number == text)
                .Join(db.Invoices, c => c.InvoiceId, i => i.Id, (c, i) => new { i.Tenant, Document = db.InvoiceDocuments.FirstOrDefault(d => d.CreditNoteId == c.Id) })
                .SingleOrDefaultAsync(cancellationToken)
            : await db.Invoices.AsNoTracking().Where(i => i.Number == text)
                .Select(i => new { i.Tenant, Document = db.InvoiceDocuments.FirstOrDefault(d => d.InvoiceId == i.Id) })
                .SingleOrDefaultAsync(cancellationToken);
        return found?.Document is { } document ? new InvoiceFile($"{text}-{found.Tenant}.pdf", document.Pdf, document.Pages, document.Sha256, []) : null;
    }

    /// <summary>The sheets of a closed period's drafts, as they would print now (the invoice benchmark draws them).</summary>
    public async Task<IReadOnlyList<InvoiceSheet>> DraftSheetsAsync(ChargePeriod period, string actor, CancellationToken cancellationToken)
    {
        await drafts.EnsureAsync(period, actor, cancellationToken);
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var invoices = await db.Invoices.AsNoTracking().Where(i => i.Period == text && i.Status == InvoiceStatus.Draft).OrderBy(i => i.Tenant).ToListAsync(cancellationToken);
        return (await DraftSheetsAsync(db, text, invoices, cancellationToken)).Select(d => d.Sheet).ToList();
    }

    private static async Task<IReadOnlyList<(Invoice Invoice, InvoiceSheet Sheet)>> DraftSheetsAsync(IFinOpsDbContext db, string period, IReadOnlyList<Invoice> draftInvoices,
        CancellationToken cancellationToken)
    {
        if (draftInvoices.Count == 0) return [];
        var organisation = await BillingProfiles.OrganisationAsync(db, cancellationToken);
        var profiles = await BillingProfiles.TenantsAsync(db, draftInvoices.Select(i => i.Tenant).ToList(), period, cancellationToken);
        var provenance = await InvoiceProvenance.ForPeriodAsync(db, period, cancellationToken);
        var ids = draftInvoices.Select(i => i.Id).ToList();
        var lines = (await db.InvoiceLines.AsNoTracking().Where(l => ids.Contains(l.InvoiceId)).ToListAsync(cancellationToken)).ToLookup(l => l.InvoiceId);
        return draftInvoices.Select(invoice => (invoice, InvoiceSheets.For(invoice, lines[invoice.Id].ToList(),
            InvoiceParties.Of(organisation.Profile, profiles[invoice.Tenant].Profile), organisation, provenance))).ToList();
    }
}
