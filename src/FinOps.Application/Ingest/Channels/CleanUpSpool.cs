using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Ingest.Channels;

public sealed record SpoolCleanUp(int FilesDeleted, int BatchesDeleted);

/// <summary>
/// Daily: what a crash or a killed process left behind — spool files older than a day that no waiting or running
/// queued file points at, and batches older than a day that hold no file. Anything still in use is left alone.
/// </summary>
public sealed class CleanUpSpool(IFinOpsDbContextFactory contexts, IngestFolders folders, TimeProvider clock)
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    public async Task<SpoolCleanUp> HandleAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - MinimumAge;
        await using var db = await contexts.CreateAsync(cancellationToken);
        var inUse = (await db.QueuedFiles.AsNoTracking()
                .Where(q => q.Status == QueuedFileStatus.Queued || q.Status == QueuedFileStatus.Processing)
                .Select(q => q.SpoolPath).ToListAsync(cancellationToken))
            .Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var files = 0;
        if (Directory.Exists(folders.Spool))
            foreach (var path in Directory.EnumerateFiles(folders.Spool))
            {
                if (inUse.Contains(Path.GetFullPath(path)) || File.GetLastWriteTimeUtc(path) > cutoff.UtcDateTime) continue;
                File.Delete(path);
                files++;
            }
        var batches = await db.IngestionBatches
            .Where(b => b.CreatedAt < cutoff && !db.QueuedFiles.Any(q => q.BatchId == b.Id) && !db.IngestionFiles.Any(f => f.BatchId == b.Id))
            .ExecuteDeleteAsync(cancellationToken);
        return new SpoolCleanUp(files, batches);
    }
}
