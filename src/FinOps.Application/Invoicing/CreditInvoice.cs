using System.Security.Cryptography;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Invoicing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

public sealed record CreditOutcome(string? Refusal, string? CreditNote = null, decimal Total = 0m, string? Currency = null, long? ReissuedDraft = null);

/// <summary>
/// Corrects a finalised invoice the only lawful way (SEMANTICS §7): a credit note <c>CN-YYYY-NNNNN</c> (its own
/// gap-free series) reversing it whole, with its PDF stored; with <c>reissue</c>, a new draft from the same frozen
/// lines that takes the profiles as they are now when it is finalised.
/// </summary>
public sealed class CreditInvoice(IFinOpsDbContextFactory contexts, IInvoiceRenderer renderer, Notifications.IWebhookScheduler webhooks, TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public async Task<CreditOutcome> HandleAsync(string number, string? reason, bool reissue, string actor, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) return new CreditOutcome("a credit note needs a reason (--reason \"…\")");
        reason = string.Join(' ', reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (reason.Length > MaxReasonLength) return new CreditOutcome($"the reason is {reason.Length} characters long (at most {MaxReasonLength})");
        if (number.Trim().StartsWith("DRAFT", StringComparison.OrdinalIgnoreCase))
            return new CreditOutcome("a draft is not credited: it was never issued (it has no number until it is finalised)");
        if (!DocumentNumber.TryParse(number, out var parsed)) return new CreditOutcome($"'{number}' is not an invoice number (INV-YYYY-NNNNN)");
        if (parsed.Series == DocumentSeries.CreditNote) return new CreditOutcome($"{parsed} is a credit note: only invoices are credited");

        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var text = parsed.ToString();
        var invoice = await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.Number == text, cancellationToken);
        if (invoice is null) return new CreditOutcome($"no invoice is numbered {text}");
        // Two credits of one invoice at once: the second waits here, then finds the first.
        await db.Database.ExecuteSqlAsync($"select 1 from invoices where id = {invoice.Id} for update", cancellationToken);
        if (await db.CreditNotes.AsNoTracking().SingleOrDefaultAsync(c => c.InvoiceId == invoice.Id, cancellationToken) is { } existing)
            return new CreditOutcome($"{text} is already credited by {existing.Number}");

        var now = clock.GetUtcNow();
        var issuedOn = await DocumentNumbers.LocalDayAsync(db, now, cancellationToken);
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == invoice.Id).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var organisation = await BillingProfiles.OrganisationAsync(db, cancellationToken);
        var provenance = await InvoiceProvenance.ForPeriodAsync(db, invoice.Period, cancellationToken);
        var creditNumber = await DocumentNumbers.NextAsync(db, DocumentSeries.CreditNote, issuedOn.Year, cancellationToken);
        var note = new CreditNote
        {
            Number = creditNumber.ToString(), NumberYear = creditNumber.Year, NumberSequence = creditNumber.Sequence, InvoiceId = invoice.Id, Reason = reason,
            IssuedOn = issuedOn, IssuedAt = now, IssuedBy = actor, Total = -invoice.Total, Currency = invoice.Currency,
        };
        db.CreditNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        var rendered = renderer.Render(InvoiceSheets.ForCreditNote(note, invoice, lines, organisation, provenance));
        var sha = Convert.ToHexStringLower(SHA256.HashData(rendered.Pdf));
        db.InvoiceDocuments.Add(new InvoiceDocument { CreditNoteId = note.Id, Pdf = rendered.Pdf, Sha256 = sha, Pages = rendered.Pages, RenderedAt = now });

        Invoice? reissued = null;
        if (reissue)
        {
            reissued = new Invoice
            {
                Period = invoice.Period, TenantId = invoice.TenantId, Tenant = invoice.Tenant, Currency = invoice.Currency, Total = invoice.Total, Tokens = invoice.Tokens,
                CreatedAt = now, CreatedBy = actor, ReissueOf = invoice.Id,
            };
            db.Invoices.Add(reissued);
            await db.SaveChangesAsync(cancellationToken);
            db.InvoiceLines.AddRange(InvoiceLines.Copy(reissued.Id, lines));
        }
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "invoice.credited", EntityType = "invoice", EntityId = text,
            Details = JsonSerializer.Serialize(new { credit_note = note.Number, reason, total = note.Total, currency = note.Currency, pdf_sha256 = sha, reissued_draft = reissued?.Id }),
        });
        var deliveries = await DocumentEvents.AddAsync(db, DocumentEvents.CreditNoteIssued, new CreditNoteIssuedEvent(DocumentEvents.CreditNoteIssued, note.Number, text,
            invoice.Tenant, invoice.Period, note.Total, note.Currency, issuedOn, reason, reissue, sha, DocumentEvents.PdfLink(note.Number), now), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var delivery in deliveries) webhooks.Enqueue(delivery.Id);
        return new CreditOutcome(null, note.Number, note.Total, note.Currency, reissued?.Id);
    }
}
