using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;

namespace FinOps.Application.Ingest.Channels;

public sealed record InboxSweep(int Done, int Failed);

/// <summary>
/// The inbox folder (FINOPS_INBOX_DIR): every file in it goes through the one pipeline, then moves to <c>done/</c>
/// (stored, or nothing new) or to <c>failed/</c> beside a <c>.reason.txt</c>. Senders write <c>*.part</c> or
/// <c>*.tmp</c> and rename when complete; those and hidden files are left alone. Sweeping twice changes nothing:
/// the first sweep empties the inbox, and a file sent again is recognised by its hash.
/// </summary>
public sealed class SweepInbox(IFinOpsDbContextFactory contexts, IngestFolders folders, IngestFile ingest, TimeProvider clock)
{
    public async Task<InboxSweep> HandleAsync(CancellationToken cancellationToken)
    {
        if (folders.Inbox is not { } inbox || !Directory.Exists(inbox)) return new InboxSweep(0, 0);
        var files = Directory.EnumerateFiles(inbox)
            .Where(f => Path.GetFileName(f) is var n && !n.StartsWith('.') && !n.EndsWith(".part", StringComparison.OrdinalIgnoreCase)
                        && !n.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return new InboxSweep(0, 0);

        var batchId = await OpenBatchAsync(cancellationToken);
        int done = 0, failed = 0;
        foreach (var path in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? reason;
            try
            {
                var outcome = await ingest.HandleAsync(new IngestRequest(path, UploadedBy: "inbox", BatchId: batchId), null, cancellationToken);
                reason = outcome.Result == IngestResult.Rejected
                    ? string.Join(Environment.NewLine, new[] { outcome.Reason! }.Concat(outcome.Problems.Select(p => p.ToString())))
                    : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reason = $"ingest failed: {e.Message}";
            }
            var moved = MoveTo(path, reason is null ? "done" : "failed");
            if (reason is null) done++;
            else
            {
                failed++;
                await File.WriteAllTextAsync(moved + ".reason.txt", reason + Environment.NewLine, cancellationToken);
            }
        }
        return new InboxSweep(done, failed);
    }

    private async Task<long> OpenBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var batch = new IngestionBatch { Channel = IngestionChannel.Inbox, CreatedAt = clock.GetUtcNow(), CreatedBy = "inbox" };
        db.IngestionBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return batch.Id;
    }

    /// <summary>Moves into the subfolder, keeping the name unless a file of that name is there already.</summary>
    private string MoveTo(string path, string subfolder)
    {
        var folder = Path.Combine(Path.GetDirectoryName(path)!, subfolder);
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, Path.GetFileName(path));
        for (var n = 1; File.Exists(target); n++)
            target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(path)}.{clock.GetUtcNow():yyyyMMddHHmmss}-{n}{Path.GetExtension(path)}");
        File.Move(path, target);
        return target;
    }
}
