using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Invoicing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>Finance records that a finalised invoice was paid (beside it: the invoice itself never changes). Audited.</summary>
public sealed class RecordInvoicePayment(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<string?> HandleAsync(string number, DateOnly? paidOn, string? reference, string actor, CancellationToken cancellationToken)
    {
        if (!DocumentNumber.TryParse(number, out var parsed) || parsed.Series != DocumentSeries.Invoice)
            return $"'{number}' is not an invoice number (INV-YYYY-NNNNN)";
        if (reference is { Length: > 200 }) return $"the payment reference is {reference.Length} characters long (at most 200)";
        var text = parsed.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == text, cancellationToken);
        if (invoice is null) return $"no invoice is numbered {text}";
        if (await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.InvoiceId == invoice.Id, cancellationToken) is { } credit)
            return $"{text} is credited by {credit.Number}: there is nothing to pay";
        if (await db.InvoicePayments.AsNoTracking().SingleOrDefaultAsync(p => p.InvoiceId == invoice.Id, cancellationToken) is { } paid)
            return $"{text} was marked paid on {paid.PaidOn:yyyy-MM-dd} already";
        var now = clock.GetUtcNow();
        var day = paidOn ?? await DocumentNumbers.LocalDayAsync(db, now, cancellationToken);
        if (day < invoice.IssuedOn) return $"{text} was issued on {invoice.IssuedOn:yyyy-MM-dd}: it cannot be paid on {day:yyyy-MM-dd}";
        db.InvoicePayments.Add(new InvoicePayment { InvoiceId = invoice.Id, PaidOn = day, Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), RecordedAt = now, RecordedBy = actor });
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "invoice.paid", EntityType = "invoice", EntityId = text,
            Details = JsonSerializer.Serialize(new { paid_on = day, reference, total = invoice.Total, currency = invoice.Currency }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
