using FinOps.Application.Ingest.Channels;
using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace FinOps.Infrastructure.Jobs;

/// <summary>One uploaded file through the pipeline. No automatic retry: a failure is recorded on the file for people to see.</summary>
public sealed class IngestQueuedFileJob(ProcessQueuedFile process)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Ingest queued file #{0}")]
    public Task RunAsync(long queuedFileId, CancellationToken cancellationToken) => process.HandleAsync(queuedFileId, cancellationToken);
}

/// <summary>Every minute: the inbox folder's new files in, then out to done/ or failed/.</summary>
public sealed class InboxSweepJob(SweepInbox sweep, ILogger<InboxSweepJob> log)
{
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await sweep.HandleAsync(cancellationToken);
        if (result.Done + result.Failed > 0) log.LogInformation("Inbox: {Done} file(s) done, {Failed} failed", result.Done, result.Failed);
    }
}

/// <summary>Daily: spool files and empty batches that a crash left behind, once they are a day old.</summary>
public sealed class SpoolCleanUpJob(CleanUpSpool cleanUp, ILogger<SpoolCleanUpJob> log)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await cleanUp.HandleAsync(cancellationToken);
        if (result.FilesDeleted + result.BatchesDeleted > 0)
            log.LogInformation("Spool clean-up: {Files} orphaned file(s), {Batches} empty batch(es) removed", result.FilesDeleted, result.BatchesDeleted);
    }
}

internal sealed class HangfireIngestJobScheduler(IBackgroundJobClient jobs) : IIngestJobScheduler
{
    public void Enqueue(long queuedFileId) => jobs.Enqueue<IngestQueuedFileJob>(job => job.RunAsync(queuedFileId, CancellationToken.None));
}
