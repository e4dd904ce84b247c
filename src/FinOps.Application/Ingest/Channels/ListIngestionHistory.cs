using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Ingest.Channels;

/// <summary>One file ever offered, newest first: what it was, who sent it how, what became of it.</summary>
public sealed record IngestionHistoryEntry(
    long Id, string FileName, string Kind, string Format, string Source, string Status, string? Channel, string UploadedBy, DateTimeOffset UploadedAt,
    long RowsRead, long RowsStored, long Duplicates, long Conflicts, long Quarantined, string? Error, long? SupersededByFileId);

public sealed record IngestionHistoryPage(IReadOnlyList<IngestionHistoryEntry> Entries, int Total);

public sealed class ListIngestionHistory(IFinOpsDbContextFactory contexts)
{
    public async Task<IngestionHistoryPage> HandleAsync(int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var total = await db.IngestionFiles.CountAsync(cancellationToken);
        var entries = await (
            from f in db.IngestionFiles.AsNoTracking()
            join b in db.IngestionBatches.AsNoTracking() on f.BatchId equals (long?)b.Id into batches
            from b in batches.DefaultIfEmpty()
            orderby f.Id descending
            select new IngestionHistoryEntry(f.Id, f.FileName, f.Kind.ToString(), f.Format, f.Source, f.Status.ToString(),
                b == null ? null : b.Channel.ToString(), f.UploadedBy, f.UploadedAt, f.RowsRead, f.RowsStored, f.RowsDuplicate, f.RowsConflict,
                f.RowsQuarantined, f.Error, f.SupersededByFileId))
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return new IngestionHistoryPage(entries, total);
    }
}
