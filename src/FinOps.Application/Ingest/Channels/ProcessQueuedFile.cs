using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Ingest.Channels;

/// <summary>
/// The background job's work: one queued file through the one pipeline, its progress published as it streams, its
/// outcome recorded on the queued file. A file already finished is not run again (a retried job does nothing), and
/// a file another worker is running is left to it: with several worker processes on one database each file is
/// ingested once, by whichever takes it first.
/// </summary>
public sealed class ProcessQueuedFile(IFinOpsDbContextFactory contexts, IngestFile ingest, IIngestProgressFeed feed, IQueuedFileClaims claims, TimeProvider clock)
{
    public async Task HandleAsync(long queuedFileId, CancellationToken cancellationToken)
    {
        await using var claim = await claims.TryClaimAsync(queuedFileId, cancellationToken);
        if (claim is null) return;
        QueuedFile file;
        string uploadedBy;
        await using (var db = await contexts.CreateAsync(cancellationToken))
        {
            file = await db.QueuedFiles.SingleAsync(q => q.Id == queuedFileId, cancellationToken);
            if (file.Status is QueuedFileStatus.Finished) return;
            uploadedBy = await db.IngestionBatches.Where(b => b.Id == file.BatchId).Select(b => b.CreatedBy).SingleAsync(cancellationToken);
            file.Status = QueuedFileStatus.Processing;
            file.StartedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        feed.Publish(new IngestFeedEvent(file.Id, file.BatchId, file.FileName, QueuedFileStatus.Processing, null, null, null));

        var progress = new FeedProgress(feed, file);
        try
        {
            var outcome = await ingest.HandleAsync(
                new IngestRequest(file.SpoolPath, file.Format, file.Source, UploadedBy: uploadedBy, BatchId: file.BatchId, FileName: file.FileName),
                progress, cancellationToken);
            await FinishAsync(file.Id, QueuedFileStatus.Finished, outcome.Result.ToString(), outcome.FileId, outcome.Reason, cancellationToken);
            feed.Publish(new IngestFeedEvent(file.Id, file.BatchId, file.FileName, QueuedFileStatus.Finished, progress.Last, outcome, outcome.Reason));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await FinishAsync(file.Id, QueuedFileStatus.Failed, null, null, e.Message, CancellationToken.None);
            feed.Publish(new IngestFeedEvent(file.Id, file.BatchId, file.FileName, QueuedFileStatus.Failed, progress.Last, null, e.Message));
            throw;
        }
        File.Delete(file.SpoolPath);
    }

    private async Task FinishAsync(long id, QueuedFileStatus status, string? result, long? fileId, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var file = await db.QueuedFiles.SingleAsync(q => q.Id == id, cancellationToken);
        file.Status = status;
        file.Result = result;
        file.FileId = fileId;
        file.Reason = reason;
        file.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Forwards the pipeline's progress to the feed (the pipeline reports every 20,000 rows and at the end).</summary>
    private sealed class FeedProgress(IIngestProgressFeed feed, QueuedFile file) : IProgress<IngestProgress>
    {
        public IngestProgress? Last { get; private set; }

        public void Report(IngestProgress value)
        {
            Last = value;
            feed.Publish(new IngestFeedEvent(file.Id, file.BatchId, file.FileName, QueuedFileStatus.Processing, value, null, null));
        }
    }
}
