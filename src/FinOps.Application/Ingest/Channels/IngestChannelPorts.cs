using FinOps.Domain.Ingestion;

namespace FinOps.Application.Ingest.Channels;

/// <summary>Where uploaded files wait for their job (FINOPS_SPOOL_DIR), and the inbox folder swept for new files (FINOPS_INBOX_DIR).</summary>
public sealed record IngestFolders(string Spool, string? Inbox);

/// <summary>Runs a queued file in the background (Hangfire): one job per file.</summary>
public interface IIngestJobScheduler
{
    void Enqueue(long queuedFileId);
}

/// <summary>
/// What a queued file is doing right now: progress while it streams in, then its outcome. Jobs publish, pages
/// subscribe; the database keeps the final state for whoever was not listening.
/// </summary>
public sealed record IngestFeedEvent(long QueuedFileId, long BatchId, string FileName, QueuedFileStatus Status, IngestProgress? Progress, IngestOutcome? Outcome, string? Reason);

public interface IIngestProgressFeed
{
    event Action<IngestFeedEvent>? Published;
    void Publish(IngestFeedEvent update);
}

/// <summary>The in-process feed: jobs run in the web host's Hangfire server, so its circuits hear them directly.</summary>
public sealed class InProcessIngestProgressFeed : IIngestProgressFeed
{
    public event Action<IngestFeedEvent>? Published;

    public void Publish(IngestFeedEvent update) => Published?.Invoke(update);
}

/// <summary>
/// Who is ingesting a queued file right now, across every worker process: a job takes the claim before it starts
/// and holds it until it ends. A claim dies with the process that held it, so a crashed worker's file can be taken
/// by the job Hangfire hands out again.
/// </summary>
public interface IQueuedFileClaims
{
    /// <returns>The claim, to dispose when done; null when another worker holds it.</returns>
    Task<IAsyncDisposable?> TryClaimAsync(long queuedFileId, CancellationToken cancellationToken);
}
