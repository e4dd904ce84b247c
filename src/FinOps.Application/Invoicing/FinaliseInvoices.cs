using System.Security.Cryptography;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

public sealed record FinalisedInvoice(string Number, string Tenant, decimal Total, string Currency, DateOnly IssuedOn, DateOnly DueOn, IReadOnlyList<string> Warnings);

/// <param name="Refusal">Why nothing was done (the period is not closed, the tenant has no invoice); null otherwise.</param>
/// <param name="AlreadyFinal">Invoices asked for that were final already ("nothing to do").</param>
public sealed record FinaliseOutcome(string? Refusal, IReadOnlyList<FinalisedInvoice> Finalised, int AlreadyFinal);

/// <summary>
/// Finalises a closed period's drafts (SEMANTICS §7), each in its own transaction: the invoice takes the next
/// <c>INV-YYYY-NNNNN</c> of its finalisation year under the counter's row lock, the parties as they stand, its issue
/// and due dates, and its PDF — rendered once here and stored with its SHA-256. From then on nothing about it changes.
/// </summary>
public sealed class FinaliseInvoices(IFinOpsDbContextFactory contexts, InvoiceDrafts drafts, IInvoiceRenderer renderer, Notifications.IWebhookScheduler webhooks,
    TimeProvider clock)
{
    public async Task<FinaliseOutcome> HandleAsync(ChargePeriod period, string? tenant, string actor, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        List<long> ids;
        int final;
        InvoiceProvenance provenance;
        await using (var db = await contexts.CreateAsync(cancellationToken))
        {
            if (!await db.PeriodCloses.AnyAsync(c => c.Period == text, cancellationToken))
                return new FinaliseOutcome($"period {text} is not closed: invoices are finalised from a closed period (./finops close --period {text})", [], 0);
            await drafts.EnsureAsync(period, actor, cancellationToken);
            var invoices = await db.Invoices.AsNoTracking().Where(i => i.Period == text && (tenant == null || i.Tenant == tenant))
                .Select(i => new { i.Id, i.Status }).ToListAsync(cancellationToken);
            if (tenant is not null && invoices.Count == 0)
                return new FinaliseOutcome($"tenant {tenant} has no invoice for {text} (its lines sum to zero, or it had none)", [], 0);
            ids = invoices.Where(i => i.Status == InvoiceStatus.Draft).Select(i => i.Id).Order().ToList();
            final = invoices.Count - ids.Count;
            provenance = ids.Count == 0 ? InvoiceProvenance.None : await InvoiceProvenance.ForPeriodAsync(db, text, cancellationToken);
        }
        var finalised = new List<FinalisedInvoice>();
        foreach (var id in ids)
        {
            if (await FinaliseOneAsync(id, actor, provenance, cancellationToken) is { } done) finalised.Add(done);
            else final++;
        }
        return new FinaliseOutcome(null, finalised, final);
    }

    /// <summary>One draft, one transaction; null when another finaliser got there first.</summary>
    private async Task<FinalisedInvoice?> FinaliseOneAsync(long id, string actor, InvoiceProvenance provenance, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"select 1 from invoices where id = {id} for update", cancellationToken);
        var invoice = await db.Invoices.SingleAsync(i => i.Id == id, cancellationToken);
        if (invoice.Status != InvoiceStatus.Draft) return null;
        var lines = await db.InvoiceLines.AsNoTracking().Where(l => l.InvoiceId == id).OrderBy(l => l.Ordinal).ToListAsync(cancellationToken);
        var organisation = await BillingProfiles.OrganisationAsync(db, cancellationToken);
        var (profile, _) = (await BillingProfiles.TenantsAsync(db, [invoice.Tenant], invoice.Period, cancellationToken))[invoice.Tenant];
        var parties = InvoiceParties.Of(organisation.Profile, profile);

        // The number is taken last, so the counter's lock is held only while the PDF is drawn and the rows written.
        var now = clock.GetUtcNow();
        var issuedOn = await DocumentNumbers.LocalDayAsync(db, now, cancellationToken);
        var number = await DocumentNumbers.NextAsync(db, DocumentSeries.Invoice, issuedOn.Year, cancellationToken);
        invoice.Status = InvoiceStatus.Finalised;
        invoice.Number = number.ToString();
        invoice.NumberYear = number.Year;
        invoice.NumberSequence = number.Sequence;
        invoice.IssuedOn = issuedOn;
        invoice.DueOn = issuedOn.AddDays(parties.PaymentTermsDays);
        invoice.FinalisedAt = now;
        invoice.FinalisedBy = actor;
        invoice.Parties = JsonSerializer.Serialize(parties);
        var rendered = renderer.Render(InvoiceSheets.For(invoice, lines, parties, organisation, provenance));
        var sha = Convert.ToHexStringLower(SHA256.HashData(rendered.Pdf));
        await db.SaveChangesAsync(cancellationToken);
        db.InvoiceDocuments.Add(new InvoiceDocument { InvoiceId = invoice.Id, Pdf = rendered.Pdf, Sha256 = sha, Pages = rendered.Pages, RenderedAt = now });
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "invoice.finalised", EntityType = "invoice", EntityId = invoice.Number,
            Details = JsonSerializer.Serialize(new { tenant = invoice.Tenant, period = invoice.Period, total = invoice.Total, currency = invoice.Currency,
                issued_on = invoice.IssuedOn, due_on = invoice.DueOn, pdf_sha256 = sha, pages = rendered.Pages, warnings = rendered.Warnings }),
        });
        var deliveries = await DocumentEvents.AddAsync(db, DocumentEvents.InvoiceFinalised, new InvoiceFinalisedEvent(DocumentEvents.InvoiceFinalised, invoice.Number,
            invoice.Tenant, invoice.Period, invoice.Total, invoice.Currency, issuedOn, invoice.DueOn.Value, sha, DocumentEvents.PdfLink(invoice.Number), now), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var delivery in deliveries) webhooks.Enqueue(delivery.Id);
        return new FinalisedInvoice(invoice.Number, invoice.Tenant, invoice.Total, invoice.Currency, issuedOn, invoice.DueOn.Value, rendered.Warnings);
    }
}
