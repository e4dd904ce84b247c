using FinOps.Application.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FinOps.Web.Operations;

/// <summary>Healthy when PostgreSQL answers and the schema has no pending migrations.</summary>
internal sealed class DatabaseHealthCheck(ISchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await migrator.GetStatusAsync(cancellationToken);
            return status.IsCurrent
                ? HealthCheckResult.Healthy($"{status.Applied.Count} migrations applied")
                : HealthCheckResult.Unhealthy($"{status.Pending.Count} migrations pending");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable", e);
        }
    }
}
