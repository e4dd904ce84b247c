using FinOps.Application.Usage;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>Daily: token_usage partitions for this month and the next three exist.</summary>
public sealed class UsagePartitionMaintenanceJob(MaintainUsagePartitions maintain, ILogger<UsagePartitionMaintenanceJob> log)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var created = await maintain.HandleAsync(cancellationToken);
        log.LogInformation("Usage partitions ready; created {CreatedCount}: {CreatedMonths}", created.Count,
            created.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }
}
