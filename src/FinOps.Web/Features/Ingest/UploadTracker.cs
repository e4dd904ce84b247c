using FinOps.Application.Ingest;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Ingestion;

namespace FinOps.Web.Features.Ingest;

/// <summary>One file the user sent from this page, as its job reports it.</summary>
public sealed class UploadRow(long queuedFileId, string fileName)
{
    public long QueuedFileId { get; } = queuedFileId;
    public string FileName { get; } = fileName;
    public QueuedFileStatus Status { get; set; } = QueuedFileStatus.Queued;
    public IngestProgress? Progress { get; set; }

    /// <summary>How many progress reports arrived: the browser test's hook that progress was shown before the summary.</summary>
    public int Reports { get; set; }

    public IngestOutcome? Outcome { get; set; }
    public string? Reason { get; set; }

    public double Percent => Status == QueuedFileStatus.Finished ? 100 : Math.Round((Progress?.Fraction ?? 0) * 100, 1);
}

/// <summary>
/// The uploads of one page visit: files are added when submitted, and feed events for them (from any thread)
/// update their rows. Events for other people's files are ignored.
/// </summary>
public sealed class UploadTracker
{
    private readonly List<UploadRow> _rows = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<UploadRow> Rows
    {
        get { lock (_gate) return _rows.ToList(); }
    }

    public void Add(SubmittedBatch batch)
    {
        lock (_gate) _rows.InsertRange(0, batch.Files.Select(f => new UploadRow(f.QueuedFileId, f.FileName)));
    }

    /// <returns>True when the event concerned one of this page's files.</returns>
    public bool Apply(IngestFeedEvent update)
    {
        lock (_gate)
        {
            var row = _rows.FirstOrDefault(r => r.QueuedFileId == update.QueuedFileId);
            if (row is null) return false;
            row.Status = update.Status;
            if (update.Progress is { } progress)
            {
                row.Progress = progress;
                row.Reports++;
            }
            row.Outcome = update.Outcome ?? row.Outcome;
            row.Reason = update.Reason ?? row.Reason;
            return true;
        }
    }

    public bool AnyRunning
    {
        get { lock (_gate) return _rows.Any(r => r.Status is QueuedFileStatus.Queued or QueuedFileStatus.Processing); }
    }
}
