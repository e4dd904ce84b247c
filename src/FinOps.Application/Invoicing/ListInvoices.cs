using FinOps.Application.Abstractions;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>One invoice as finance lists it: its standing read today (draft, finalised, overdue, paid, credited).</summary>
/// <param name="CreditedOn">The day the credit note reversing it was issued.</param>
public sealed record InvoiceRow(long Id, string? Number, string Tenant, string Period, InvoiceStanding Standing, decimal Total, string Currency,
    DateOnly? IssuedOn, DateOnly? DueOn, string? CreditedBy, DateOnly? PaidOn, long? ReissueOf, DateOnly? CreditedOn = null)
{
    public bool IsDraft => Number is null;
}

/// <summary>
/// Invoices through the caller's scope: a closed period's (drafts made first if the period predates invoicing), ordered
/// by tenant, then age; or one tenant's issued invoices of every period, newest first (its portal). Drafts are finance's
/// working papers: <c>issuedOnly</c> leaves them out for everyone else.
/// </summary>
public sealed class ListInvoices(IFinOpsReadDbContextFactory contexts, InvoiceDrafts drafts, TimeProvider clock)
{
    public Task<IReadOnlyList<InvoiceRow>> HandleAsync(ChargePeriod period, string actor, CancellationToken cancellationToken) =>
        HandleAsync(period, null, issuedOnly: false, actor, cancellationToken);

    public async Task<IReadOnlyList<InvoiceRow>> HandleAsync(ChargePeriod period, string? tenant, bool issuedOnly, string actor, CancellationToken cancellationToken)
    {
        await drafts.EnsureAsync(period, actor, cancellationToken);
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = await RowsAsync(db, db.Invoices.AsNoTracking().Where(i => i.Period == text && (tenant == null || i.Tenant == tenant)
            && (!issuedOnly || i.Status == InvoiceStatus.Finalised)), cancellationToken);
        return rows.OrderBy(r => r.Tenant, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
    }

    public async Task<IReadOnlyList<InvoiceRow>> ForTenantAsync(string tenant, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = await RowsAsync(db, db.Invoices.AsNoTracking().Where(i => i.Tenant == tenant && i.Status == InvoiceStatus.Finalised), cancellationToken);
        return rows.OrderByDescending(r => r.Period, StringComparer.Ordinal).ThenByDescending(r => r.Id).ToList();
    }

    private async Task<List<InvoiceRow>> RowsAsync(IFinOpsDbContext db, IQueryable<Invoice> invoices, CancellationToken cancellationToken)
    {
        var today = await DocumentNumbers.LocalDayAsync(db, clock.GetUtcNow(), cancellationToken);
        var rows = await invoices
            .GroupJoin(db.CreditNotes, i => i.Id, c => c.InvoiceId, (i, c) => new { i, c })
            .SelectMany(x => x.c.DefaultIfEmpty(), (x, c) => new { x.i, Credit = c == null ? null : c.Number, CreditedOn = c == null ? (DateOnly?)null : c.IssuedOn })
            .GroupJoin(db.InvoicePayments, x => x.i.Id, p => p.InvoiceId, (x, p) => new { x.i, x.Credit, x.CreditedOn, p })
            .SelectMany(x => x.p.DefaultIfEmpty(), (x, p) => new { x.i, x.Credit, x.CreditedOn, PaidOn = p == null ? (DateOnly?)null : p.PaidOn })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new InvoiceRow(r.i.Id, r.i.Number, r.i.Tenant, r.i.Period,
                InvoiceStandings.Of(r.i.Status == InvoiceStatus.Finalised, r.i.DueOn, r.PaidOn, r.Credit is not null, today),
                r.i.Total, r.i.Currency, r.i.IssuedOn, r.i.DueOn, r.Credit, r.PaidOn, r.i.ReissueOf, r.CreditedOn))
            .ToList();
    }
}
