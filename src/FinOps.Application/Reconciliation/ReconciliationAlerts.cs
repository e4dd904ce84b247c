using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Application.Notifications;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

/// <summary>
/// After a run: each window that is mismatch or unlogged, and not acknowledged, raises one notification (its key
/// is the window and status, so later runs and concurrent runs raise nothing new).
/// </summary>
public sealed class ReconciliationAlerts(IFinOpsDbContextFactory contexts, NotificationCentre notifications, TimeProvider clock)
{
    public async Task<int> RaiseAsync(long runId, CancellationToken cancellationToken)
    {
        List<(string Provider, string Model, DateTimeOffset Start, DateTimeOffset End, ReconciliationStatus Status, decimal Billed, decimal? Expected, string Period)> flagged;
        Domain.Periods.ReportingTimeZone zone;
        await using (var db = await contexts.CreateAsync(cancellationToken))
        {
            zone = Domain.Periods.ReportingTimeZone.FromId(await db.OrganisationSettings.Select(s => s.ReportingTimeZone).SingleAsync(cancellationToken));
            var period = await db.ReconciliationRuns.Where(r => r.Id == runId).Select(r => r.Period).SingleAsync(cancellationToken);
            var rows = await db.ReconciliationRows.AsNoTracking()
                .Where(r => r.RunId == runId && (r.Status == ReconciliationStatus.Mismatch || r.Status == ReconciliationStatus.Unlogged))
                .Where(r => !db.WindowAcknowledgements.Any(a => a.ProviderId == r.ProviderId && a.Model == r.Model && a.WindowStart == r.WindowStart && a.WindowEnd == r.WindowEnd))
                .Join(db.Providers, r => r.ProviderId, p => p.Id, (r, p) => new { p.Slug, r.Model, r.WindowStart, r.WindowEnd, r.Status, r.BilledCost, r.ExpectedCost })
                .ToListAsync(cancellationToken);
            flagged = rows.Select(r => (r.Slug, r.Model, r.WindowStart, r.WindowEnd, r.Status, r.BilledCost, r.ExpectedCost, period)).ToList();
        }

        var raised = 0;
        var batch = new AlertBatch();
        var keys = new List<string>();
        var periodText = flagged.Count > 0 ? flagged[0].Period : await PeriodOfAsync(runId, cancellationToken);
        foreach (var w in flagged)
        {
            var day = w.Start.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            var status = w.Status.ToString().ToLowerInvariant();
            var key = $"reconciliation:{w.Provider}:{w.Model}:{w.Start.UtcDateTime:O}:{w.End.UtcDateTime:O}:{status}";
            var link = $"/reconciliation?period={w.Period}&cell={Uri.EscapeDataString($"{w.Provider}|{w.Model}|{w.Start.UtcDateTime:O}")}";
            var body = $"{w.Provider} {w.Model}, window from {day} UTC: billed {w.Billed.ToString("0.00", CultureInfo.InvariantCulture)}" +
                       (w.Expected is { } e ? $", expected {e.ToString("0.00", CultureInfo.InvariantCulture)}" : "");
            var grouping = new NotificationGrouping($"reconciliation.{status}:{w.Provider}:{w.Model}", $"{w.Provider} {w.Model} is {status}", zone.DayOf(w.Start));
            keys.Add(key);
            if (await notifications.RaiseAsync(new NewAlert(key, $"reconciliation.{status}", $"{w.Provider} {w.Model} is {status} on {day[..10]}", body, link,
                    new { provider = w.Provider, model = w.Model, window_start = w.Start, window_end = w.End, status, billed_cost = w.Billed, expected_cost = w.Expected })
                {
                    Grouping = grouping, CrossedOn = grouping.Day, Period = w.Period, Value = w.Expected, Reference = w.Billed,
                }, batch, cancellationToken) is not null)
                raised++;
        }
        await notifications.DeliverAsync(batch, cancellationToken);

        // A window that matches now (a late bill, a corrected card) resolves its alert; one flagged again reopens it.
        if (periodText is not null)
        {
            await using var db = await contexts.CreateAsync(cancellationToken);
            var known = await db.Alerts.Where(a => a.Period == periodText && a.Kind.StartsWith("reconciliation.")).Select(a => a.Key).ToListAsync(cancellationToken);
            await Alerts.AlertSettlement.SettleAsync(contexts, clock, known.Union(keys).ToList(), keys, cancellationToken);
        }
        return raised;
    }

    private async Task<string?> PeriodOfAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.ReconciliationRuns.Where(r => r.Id == runId).Select(r => r.Period).SingleOrDefaultAsync(cancellationToken);
    }
}
