using FinOps.Application.Usage;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>Daily: raw requests older than the organisation keeps them are dropped, a month's partition at a time.</summary>
public sealed class UsageRetentionJob(ApplyRawUsageRetention apply, ILogger<UsageRetentionJob> log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dropped = await apply.HandleAsync("retention job", cancellationToken);
        foreach (var (month, bytes) in dropped)
            log.LogInformation("Dropped the raw requests of {Month:yyyy-MM} ({Megabytes:N0} MB); their rollups stay", month, bytes / 1024d / 1024d);
    }
}
