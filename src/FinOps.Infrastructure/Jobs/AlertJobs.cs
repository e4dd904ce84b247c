using System.ComponentModel;
using FinOps.Application.Alerts;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>Every 15 minutes and after every stored file: stale cost series refreshed, this and last month's budgets replayed, burn rates checked now.</summary>
public sealed class EvaluateAlertsJob(EvaluateAlerts alerts, ILogger<EvaluateAlertsJob> log)
{
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [DisplayName("Evaluate alerts ({0})")]
    public async Task RunAsync(string trigger, CancellationToken cancellationToken)
    {
        foreach (var result in await alerts.RecentAsync(cancellationToken))
            if (result.Raised + result.Resolved + result.Reopened > 0)
                log.LogInformation("Alerts {Period} ({Trigger}): {Raised} raised, {Resolved} resolved, {Reopened} reopened", result.Period, trigger, result.Raised, result.Resolved, result.Reopened);
    }
}
