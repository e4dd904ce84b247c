using System.ComponentModel;
using FinOps.Application.Ingest;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>One period reconciled by day (the default window) and its statements computed; each run replaces the previous one.</summary>
public sealed class ReconcilePeriodJob(FinOps.Application.Periods.ReportingCalendar calendar, RunReconciliation run, FinOps.Application.Allocation.ComputeStatements statements, ILogger<ReconcilePeriodJob> log)
{
    [AutomaticRetry(Attempts = 2)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [DisplayName("Reconcile {0} ({1})")]
    public async Task RunAsync(string period, string trigger, CancellationToken cancellationToken)
    {
        // The period arrives as the job's stored argument (YYYY-MM); it becomes a ChargePeriod here, once.
        var chargePeriod = FinOps.Application.Periods.ReportingCalendar.Parse(period, await calendar.ZoneAsync(cancellationToken)).Period
                           ?? throw new ArgumentException($"'{period}' is not a period", nameof(period));
        var summary = await run.HandleAsync(chargePeriod, WindowKind.Day, trigger, cancellationToken);
        log.LogInformation("Reconciled {Period}: {Windows} windows, {Flagged} flagged, coverage {Coverage:P1}", period, summary.Windows, summary.Flagged, summary.Coverage);
        // Statements follow the data: the same job recomputes them for the period (open periods only, once close exists).
        FinOps.Application.Allocation.StatementSummary computed;
        try
        {
            computed = await statements.HandleAsync(chargePeriod, trigger, cancellationToken);
        }
        catch (FinOps.Application.Allocation.PeriodClosedException closed)
        {
            // Late data for a closed period: its adjustments are computed into the first open period after it.
            computed = await statements.HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse(closed.NextOpen, chargePeriod.Zone), trigger, cancellationToken);
        }
        log.LogInformation("Statements {Period}: {Lines} lines, total {Total} {Currency}", period, computed.Lines, computed.Total, computed.Currency);
    }
}

/// <summary>Nightly: last month and this month, so late bills and logs are always reflected by morning.</summary>
public sealed class NightlyReconciliationJob(ReconciliationPeriods periods, IBackgroundJobClient jobs)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var period in await periods.RecentAsync(cancellationToken))
            jobs.Enqueue<ReconcilePeriodJob>(job => job.RunAsync(period, "nightly", CancellationToken.None));
    }
}

/// <summary>After a stored file: one reconciliation job per period its rows touch, and an alert evaluation (burn rates are checked on arrival).</summary>
internal sealed class ReconcileAfterIngest(ReconciliationPeriods periods, IBackgroundJobClient jobs) : IIngestFollowUp
{
    public async Task AfterStoredAsync(IngestOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.DataSpan is not { } span) return;
        foreach (var period in await periods.TouchedAsync(span.From, span.To, cancellationToken))
            jobs.Enqueue<ReconcilePeriodJob>(job => job.RunAsync(period, "ingest", CancellationToken.None));
        jobs.Enqueue<EvaluateAlertsJob>(job => job.RunAsync("ingest", CancellationToken.None));
    }
}
