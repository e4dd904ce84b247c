using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;

namespace FinOps.Application.Ingest.Channels;

/// <summary>One file handed in: its name as the sender knows it, and its bytes.</summary>
public sealed record SubmittedFile(string FileName, Stream Content, string Format = "auto", string? Source = null);

public sealed record SubmittedBatch(long BatchId, IReadOnlyList<(long QueuedFileId, string FileName)> Files);

/// <summary>
/// The upload page's and the REST API's way in: the files are copied to the spool, recorded as one batch of queued
/// files, and each gets its own background job. Returns at once; the jobs report through the feed.
/// </summary>
public sealed class SubmitFiles(IFinOpsDbContextFactory contexts, IngestFolders folders, IIngestJobScheduler jobs, TimeProvider clock)
{
    public async Task<SubmittedBatch> HandleAsync(IngestionChannel channel, string submittedBy, IReadOnlyList<SubmittedFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0) throw new ArgumentException("no files to ingest", nameof(files));
        Directory.CreateDirectory(folders.Spool);
        // Every file reaches the spool before anything is recorded: a submission that fails half-way (the sender
        // disconnects, the disk fills) leaves neither an empty batch nor spool files behind.
        var spooled = new List<(string Name, string Path, long Size, SubmittedFile File)>();
        try
        {
            foreach (var file in files)
            {
                var name = Path.GetFileName(file.FileName);
                if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a file has no name", nameof(files));
                var spool = Path.Combine(folders.Spool, $"{Guid.NewGuid():N}{Path.GetExtension(name)}");
                spooled.Add((name, spool, 0, file));
                await using var target = File.Create(spool);
                await file.Content.CopyToAsync(target, cancellationToken);
                spooled[^1] = (name, spool, target.Length, file);
            }

            await using var db = await contexts.CreateAsync(cancellationToken);
            var batch = new IngestionBatch { Channel = channel, CreatedAt = clock.GetUtcNow(), CreatedBy = submittedBy };
            db.IngestionBatches.Add(batch);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var queued = spooled.Select(s => new QueuedFile
            {
                BatchId = batch.Id, FileName = s.Name, SizeBytes = s.Size, SpoolPath = s.Path, Format = s.File.Format, Source = s.File.Source,
                Status = QueuedFileStatus.Queued, QueuedAt = clock.GetUtcNow(),
            }).ToList();
            db.QueuedFiles.AddRange(queued);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var file in queued) jobs.Enqueue(file.Id);
            return new SubmittedBatch(batch.Id, queued.Select(q => (q.Id, q.FileName)).ToList());
        }
        catch
        {
            foreach (var (_, path, _, _) in spooled) File.Delete(path);
            throw;
        }
    }
}
