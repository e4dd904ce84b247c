using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>One invoice as finance lists it: its standing read today (draft, finalised, overdue, paid, credited).</summary>
public sealed record InvoiceRow(long Id, string? Number, string Tenant, string Period, InvoiceStanding Standing, decimal Total, string Currency,
    DateOnly? IssuedOn, DateOnly? DueOn, string? CreditedBy, DateOnly? PaidOn, long? ReissueOf);

/// <summary>A closed period's invoices (drafts made first if the period predates invoicing), ordered by tenant, then age.</summary>
public sealed class ListInvoices(IFinOpsDbContextFactory contexts, InvoiceDrafts drafts, TimeProvider clock)
{
    public async Task<IReadOnlyList<InvoiceRow>> HandleAsync(ChargePeriod period, string actor, CancellationToken cancellationToken)
    {
        await drafts.EnsureAsync(period, actor, cancellationToken);
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var today = await DocumentNumbers.LocalDayAsync(db, clock.GetUtcNow(), cancellationToken);
        var rows = await db.Invoices.AsNoTracking().Where(i => i.Period == text)
            .GroupJoin(db.CreditNotes, i => i.Id, c => c.InvoiceId, (i, c) => new { i, c })
            .SelectMany(x => x.c.DefaultIfEmpty(), (x, c) => new { x.i, Credit = c == null ? null : c.Number })
            .GroupJoin(db.InvoicePayments, x => x.i.Id, p => p.InvoiceId, (x, p) => new { x.i, x.Credit, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.i, x.Credit, PaidOn = p == null ? (DateOnly?)null : p.PaidOn })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new InvoiceRow(r.i.Id, r.i.Number, r.i.Tenant, r.i.Period,
                InvoiceStandings.Of(r.i.Status == InvoiceStatus.Finalised, r.i.DueOn, r.PaidOn, r.Credit is not null, today),
                r.i.Total, r.i.Currency, r.i.IssuedOn, r.i.DueOn, r.Credit, r.PaidOn, r.i.ReissueOf))
            .OrderBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }
}
