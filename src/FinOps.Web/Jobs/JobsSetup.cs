using FinOps.Infrastructure.Jobs;
using Hangfire;
using FinOps.Web.Access;

namespace FinOps.Web.Jobs;

internal static class JobsSetup
{
    public static IServiceCollection AddFinOpsJobServer(this IServiceCollection services)
    {
        services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }

    /// <summary>Schedules recurring jobs under their constant ids (re-registering updates, never duplicates).</summary>
    public static void ScheduleRecurringJobs(this IServiceProvider services)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<UsagePartitionMaintenanceJob>(
            RecurringJobIds.UsagePartitionMaintenance, job => job.RunAsync(CancellationToken.None), Cron.Daily(1),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Partitions for this month must exist before the first ingest, not after the first 01:00.
        recurring.Trigger(RecurringJobIds.UsagePartitionMaintenance);
        recurring.AddOrUpdate<UsageRetentionJob>(RecurringJobIds.UsageRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(1, 30),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<NightlyReconciliationJob>(RecurringJobIds.NightlyReconciliation, job => job.RunAsync(CancellationToken.None), Cron.Daily(2),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        // Burn rates are minutes-fast only if something looks every few minutes (and after every ingest, below).
        recurring.AddOrUpdate<EvaluateAlertsJob>(RecurringJobIds.AlertEvaluation, job => job.RunAsync("schedule", CancellationToken.None), "*/15 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<SpoolCleanUpJob>(RecurringJobIds.SpoolCleanUp, job => job.RunAsync(CancellationToken.None), Cron.Daily(3),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        if (services.GetRequiredService<FinOps.Application.Ingest.Channels.IngestFolders>().Inbox is not null)
            recurring.AddOrUpdate<InboxSweepJob>(RecurringJobIds.InboxSweep, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        else
            recurring.RemoveIfExists(RecurringJobIds.InboxSweep);
    }

    /// <summary>The Hangfire dashboard at /jobs, for finance admins.</summary>
    public static void MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new FinanceAdminDashboardFilter()],
            DashboardTitle = "FinOps jobs",
            AppPath = "/",
        });
}
