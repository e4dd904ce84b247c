using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Ingest.Channels;

/// <summary>One file of a batch as the REST API and the upload page show it (the JSON shape of GET /api/ingest/{id}).</summary>
public sealed record BatchFileView(
    long Id, string Name, string Status, string? Result, long? FileId, string? Format, long RowsRead, long RowsStored, long Duplicates,
    long Conflicts, long Quarantined, string? Reason, DateTimeOffset QueuedAt, DateTimeOffset? FinishedAt);

public sealed record BatchView(long BatchId, string Channel, string CreatedBy, DateTimeOffset CreatedAt, string Status, IReadOnlyList<BatchFileView> Files);

public sealed class GetIngestBatch(IFinOpsDbContextFactory contexts)
{
    public async Task<BatchView?> HandleAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var batch = await db.IngestionBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null) return null;
        var files = await (
            from q in db.QueuedFiles.AsNoTracking()
            where q.BatchId == batchId
            join f in db.IngestionFiles.AsNoTracking() on q.FileId equals (long?)f.Id into stored
            from f in stored.DefaultIfEmpty()
            orderby q.Id
            select new BatchFileView(q.Id, q.FileName, q.Status.ToString(), q.Result, q.FileId, f == null ? null : f.Format,
                f == null ? 0 : f.RowsRead, f == null ? 0 : f.RowsStored, f == null ? 0 : f.RowsDuplicate, f == null ? 0 : f.RowsConflict,
                f == null ? 0 : f.RowsQuarantined, q.Reason, q.QueuedAt, q.FinishedAt)).ToListAsync(cancellationToken);
        return new BatchView(batch.Id, batch.Channel.ToString(), batch.CreatedBy, batch.CreatedAt, StatusOf(files), files);
    }

    /// <summary>queued until a file starts; processing until all end; then done, or failed when any file failed or was rejected.</summary>
    private static string StatusOf(IReadOnlyList<BatchFileView> files)
    {
        if (files.All(f => f.Status == nameof(QueuedFileStatus.Queued))) return "queued";
        if (files.Any(f => f.Status is nameof(QueuedFileStatus.Queued) or nameof(QueuedFileStatus.Processing))) return "processing";
        return files.Any(f => f.Status == nameof(QueuedFileStatus.Failed) || f.Result == nameof(IngestResult.Rejected)) ? "failed" : "done";
    }
}
