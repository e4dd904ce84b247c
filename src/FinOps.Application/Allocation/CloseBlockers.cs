using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <summary>What stands in the way of closing a period, and where it is fixed.</summary>
public enum BlockerKind { ReconciliationWindows, UnallocatedPool, UnmappedModels }

public sealed record CloseBlocker(BlockerKind Kind, string Text);

/// <summary>
/// The blockers of a close (SEMANTICS §7): unacknowledged mismatch/unlogged reconciliation windows, unallocated pools,
/// unmapped model names on the period's bills. Read-only: the close refuses on them, the overview lists them.
/// </summary>
public static class CloseBlockers
{
    public static async Task<IReadOnlyList<CloseBlocker>> ListAsync(IFinOpsDbContext db, string period, CancellationToken cancellationToken)
    {
        var blockers = new List<CloseBlocker>();
        var run = await db.ReconciliationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period && r.WindowKind == WindowKind.Day, cancellationToken);
        if (run is not null)
        {
            var flagged = await db.ReconciliationRows.AsNoTracking()
                .Where(r => r.RunId == run.Id && (r.Status == ReconciliationStatus.Mismatch || r.Status == ReconciliationStatus.Unlogged))
                .Where(r => !db.WindowAcknowledgements.Any(a => a.ProviderId == r.ProviderId && a.Model == r.Model && a.WindowStart == r.WindowStart && a.WindowEnd == r.WindowEnd))
                .CountAsync(cancellationToken);
            if (flagged > 0) blockers.Add(new CloseBlocker(BlockerKind.ReconciliationWindows, $"{flagged} mismatch/unlogged reconciliation window(s) not acknowledged"));
        }
        if (await db.StatementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period, cancellationToken) is { } statementRun)
            foreach (var pool in await db.StatementLines.Where(l => l.RunId == statementRun.Id && l.LineType == LineType.Unallocated).Select(l => new { l.Pool, l.Amount }).ToListAsync(cancellationToken))
                blockers.Add(new CloseBlocker(BlockerKind.UnallocatedPool,
                    $"pool {pool.Pool} is unallocated ({pool.Amount.ToString("N2", CultureInfo.InvariantCulture)} {statementRun.Currency}): give it a rule or usage"));
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var window = ChargePeriod.Parse(period, zone).Window;
        var unmapped = await db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ModelId == null && l.ModelText != null && l.TokenDirection != TokenDirection.None
                        && l.ChargePeriodStart < window.End && l.ChargePeriodEnd > window.Start)
            .Select(l => l.Sku ?? l.ModelText).Distinct().ToListAsync(cancellationToken);
        if (unmapped.Count > 0) blockers.Add(new CloseBlocker(BlockerKind.UnmappedModels, $"{unmapped.Count} unmapped model name(s) on bills: {string.Join(", ", unmapped.Take(5))}"));
        return blockers;
    }
}
