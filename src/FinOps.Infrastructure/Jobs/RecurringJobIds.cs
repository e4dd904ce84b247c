namespace FinOps.Infrastructure.Jobs;

/// <summary>Ids of recurring jobs: stable, because Hangfire stores schedules under them.</summary>
public static class RecurringJobIds
{
    public const string UsagePartitionMaintenance = "usage-partition-maintenance";
    public const string UsageRetention = "usage-retention";
    public const string InboxSweep = "inbox-sweep";
    public const string NightlyReconciliation = "reconciliation-nightly";
    public const string SpoolCleanUp = "spool-clean-up";
    public const string AlertEvaluation = "alert-evaluation";
}
