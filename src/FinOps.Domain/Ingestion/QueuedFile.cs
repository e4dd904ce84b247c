namespace FinOps.Domain.Ingestion;

public enum QueuedFileStatus { Queued, Processing, Finished, Failed }

/// <summary>
/// A file handed in by the upload page, the REST API or the inbox, waiting for (or done with) its background job.
/// Once processed it points at the file record the pipeline wrote — stored, already ingested or rejected — so a
/// batch can be followed from submission to counts.
/// </summary>
public sealed class QueuedFile
{
    public long Id { get; init; }
    public required long BatchId { get; init; }
    public required string FileName { get; init; }
    public required long SizeBytes { get; init; }

    /// <summary>Where the bytes wait for the job; deleted once processed.</summary>
    public required string SpoolPath { get; init; }

    public string Format { get; init; } = "auto";
    public string? Source { get; init; }
    public required QueuedFileStatus Status { get; set; }

    /// <summary>Stored, AlreadyIngested or Rejected once finished.</summary>
    public string? Result { get; set; }

    public long? FileId { get; set; }
    public string? Reason { get; set; }
    public required DateTimeOffset QueuedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
