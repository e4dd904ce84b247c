using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>One finalised invoice or credit note, whole: header, parties, lines, standing, its stored PDF's digest.</summary>
public sealed record InvoiceDetail(InvoiceRow Row, InvoiceParties Parties, IReadOnlyList<SheetLine> Lines, IReadOnlyList<SheetLine> Adjustments,
    string? Sha256, int Pages, string? CreditReason, string? ReissuedAs);

public sealed class ShowInvoice(IFinOpsReadDbContextFactory contexts, TimeProvider clock)
{
    public async Task<(string? Refusal, InvoiceDetail? Detail)> HandleAsync(string number, CancellationToken cancellationToken)
    {
        if (!DocumentNumber.TryParse(number, out var parsed)) return ($"'{number}' is not a document number (INV-YYYY-NNNNN or CN-YYYY-NNNNN)", null);
        var text = parsed.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var credit = parsed.Series == DocumentSeries.CreditNote ? await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.Number == text, cancellationToken) : null;
        if (parsed.Series == DocumentSeries.CreditNote && credit is null) return ($"no credit note is numbered {text}", null);
        var invoice = credit is not null
            ? await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == credit.InvoiceId, cancellationToken)
            : await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == text, cancellationToken);
        if (invoice is null) return ($"no invoice is numbered {text}", null);
        credit ??= await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.InvoiceId == invoice.Id, cancellationToken);
        var paid = await db.InvoicePayments.AsNoTracking().SingleOrDefaultAsync(p => p.InvoiceId == invoice.Id, cancellationToken);
        var reissue = await db.Invoices.AsNoTracking().Where(i => i.ReissueOf == invoice.Id).Select(i => i.Number ?? "a draft").SingleOrDefaultAsync(cancellationToken);
        var document = parsed.Series == DocumentSeries.CreditNote
            ? await db.InvoiceDocuments.AsNoTracking().SingleAsync(d => d.CreditNoteId == credit!.Id, cancellationToken)
            : await db.InvoiceDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.InvoiceId == invoice.Id, cancellationToken);
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == invoice.Id).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var today = await DocumentNumbers.LocalDayAsync(db, clock.GetUtcNow(), cancellationToken);
        var sign = parsed.Series == DocumentSeries.CreditNote ? -1m : 1m;
        var sheet = lines.Select(l => InvoiceLines.ToStatementLine(l, invoice.Tenant))
            .Select(l => new SheetLine(l.Feature, InvoiceLineWording.Item(l), InvoiceLineWording.Basis(l), sign * l.Amount, l.AdjustsPeriod)).ToList();
        var row = parsed.Series == DocumentSeries.CreditNote
            ? new InvoiceRow(invoice.Id, credit!.Number, invoice.Tenant, invoice.Period, InvoiceStanding.Finalised, credit.Total, credit.Currency, credit.IssuedOn, null,
                invoice.Number, null, null)
            : new InvoiceRow(invoice.Id, invoice.Number, invoice.Tenant, invoice.Period,
                InvoiceStandings.Of(true, invoice.DueOn, paid?.PaidOn, credit is not null, today), invoice.Total, invoice.Currency, invoice.IssuedOn, invoice.DueOn,
                credit?.Number, paid?.PaidOn, invoice.ReissueOf);
        return (null, new InvoiceDetail(row, InvoiceSheets.Parties(invoice)!, sheet.Where(l => l.Corrects is null).ToList(), sheet.Where(l => l.Corrects is not null).ToList(),
            document?.Sha256, document?.Pages ?? 0, credit?.Reason, reissue));
    }
}
