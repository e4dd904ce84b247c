using System.ComponentModel;
using FinOps.Application.Alerts;
using FinOps.Application.Costs;
using FinOps.Application.Periods;
using FinOps.Domain.Periods;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>
/// Every 15 minutes and after every usage ingest: stale cost series brought up to date, then this period's budgets
/// replayed and burn rates checked at this instant (and last period's budgets, which late data can still move).
/// </summary>
public sealed class EvaluateAlertsJob(ReportingCalendar calendar, RefreshCostSeries refresh, EvaluateAlerts alerts, TimeProvider clock, ILogger<EvaluateAlertsJob> log)
{
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [DisplayName("Evaluate alerts ({0})")]
    public async Task RunAsync(string trigger, CancellationToken cancellationToken)
    {
        var zone = await calendar.ZoneAsync(cancellationToken);
        await refresh.StalePeriodsAsync(zone, cancellationToken);
        var current = ChargePeriod.Containing(clock.GetUtcNow(), zone);
        foreach (var period in new[] { current.Previous(), current })
        {
            var result = await alerts.HandleAsync(period, null, null, cancellationToken);
            if (result.Raised + result.Resolved + result.Reopened > 0)
                log.LogInformation("Alerts {Period} ({Trigger}): {Raised} raised, {Resolved} resolved, {Reopened} reopened", result.Period, trigger, result.Raised, result.Resolved, result.Reopened);
        }
    }
}
