using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Domain.Audit;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>
/// Makes the drafts a closed period owes (SEMANTICS §7): one per tenant with a non-zero total, from its frozen lines.
/// The close calls it inside its own transaction; periods closed before invoicing existed get theirs on first use.
/// Idempotent: a tenant that already has the period's invoice gets nothing new.
/// </summary>
public sealed class InvoiceDrafts(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Adds the missing drafts of a closed period on the caller's context and transaction; returns how many.</summary>
    public static async Task<int> AddMissingAsync(IFinOpsDbContext db, string period, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, cancellationToken);
        if (close is null) return 0;
        var frozen = await db.ClosedStatementLines.AsNoTracking().Where(l => l.Period == period).ToListAsync(cancellationToken);
        var drafts = InvoiceDrafting.From(frozen.Select(PeriodCloses.ToLine));
        if (drafts.Count == 0) return 0;
        var invoiced = (await db.Invoices.AsNoTracking().Where(i => i.Period == period && i.ReissueOf == null).Select(i => i.Tenant).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var missing = drafts.Where(d => !invoiced.Contains(d.Tenant)).ToList();
        if (missing.Count == 0) return 0;

        var tenantIds = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var window = ChargePeriod.Parse(period, zone);
        var ids = missing.Where(d => tenantIds.ContainsKey(d.Tenant)).Select(d => tenantIds[d.Tenant]).ToList();
        var tokens = (await db.UsageHourly.AsNoTracking().Where(h => ids.Contains(h.TenantId) && h.Hour >= window.Start && h.Hour < window.End)
                .GroupBy(h => h.TenantId).Select(g => new { g.Key, Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key, x => x.Tokens);

        var made = new List<(Invoice Invoice, InvoiceDraft Draft)>();
        foreach (var draft in missing)
        {
            // A line's tenant that no longer exists as a row (never the case for logged tenants) cannot be invoiced.
            if (!tenantIds.TryGetValue(draft.Tenant, out var tenantId)) continue;
            var invoice = new Invoice
            {
                Period = period, TenantId = tenantId, Tenant = draft.Tenant, Currency = close.Currency, Total = draft.Total,
                Tokens = tokens.GetValueOrDefault(tenantId), CreatedAt = at, CreatedBy = actor,
            };
            db.Invoices.Add(invoice);
            made.Add((invoice, draft));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (invoice, draft) in made) db.InvoiceLines.AddRange(InvoiceLines.From(invoice.Id, draft.Lines));
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = at, Actor = actor, Action = "invoices.drafted", EntityType = "period", EntityId = period,
            Details = JsonSerializer.Serialize(made.Select(m => new { tenant = m.Invoice.Tenant, total = m.Invoice.Total, lines = m.Draft.Lines.Count })),
        });
        await db.SaveChangesAsync(cancellationToken);
        return made.Count;
    }

    /// <summary>First use of a period closed before invoicing existed: makes its drafts once, whoever asks first.</summary>
    public async Task EnsureAsync(ChargePeriod period, string actor, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        // A tenant's portal may be the first reader: the drafts it makes are every tenant's, not the reader's.
        using var organisation = Access.SystemExecution.Begin();
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (!await db.PeriodCloses.AnyAsync(c => c.Period == text, cancellationToken)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two first readers at once: the second waits here, then finds the drafts made.
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext('invoice-drafts'), hashtext({text}))", cancellationToken);
        await AddMissingAsync(db, text, actor, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
