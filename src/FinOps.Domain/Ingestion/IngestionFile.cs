namespace FinOps.Domain.Ingestion;

/// <summary>
/// What a file holds: runtime token logs, vendor cost exports, infra costs, or a vendor's own usage report (tokens
/// per bucket without cost — the billed side of token reconciliation; it never supersedes a cost export).
/// </summary>
public enum IngestionKind { Usage, Billing, Infra, VendorUsage }

public enum IngestionStatus { Queued, Processing, Stored, Rejected, Superseded }

public enum IngestionChannel { Cli, Upload, Api, Inbox }

/// <summary>Files that arrived together (one upload, one API call, one CLI run).</summary>
public sealed class IngestionBatch
{
    public long Id { get; init; }
    public required IngestionChannel Channel { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>
/// One file offered for ingest: what it was (hash, format, source), what became of it (status, counts), and who
/// sent it. A file is stored whole or not at all; a rejected file keeps its reason.
/// </summary>
public sealed class IngestionFile
{
    public long Id { get; init; }
    public long? BatchId { get; init; }
    public required string FileName { get; init; }

    /// <summary>SHA-256 of the bytes, hex: the same file twice changes nothing.</summary>
    public required string Sha256 { get; init; }

    public required long SizeBytes { get; init; }
    public required IngestionKind Kind { get; init; }
    public required string Format { get; init; }
    public required string Source { get; init; }
    public required IngestionStatus Status { get; set; }
    public long RowsRead { get; set; }
    public long RowsStored { get; set; }
    public long RowsDuplicate { get; set; }
    public long RowsConflict { get; set; }
    public long RowsQuarantined { get; set; }
    public string? Error { get; set; }
    public required string UploadedBy { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long? SupersededByFileId { get; set; }

    /// <summary>The time its stored rows cover (requests, charge or cost periods): the periods it touched.</summary>
    public DateTimeOffset? DataFrom { get; set; }
    public DateTimeOffset? DataTo { get; set; }
}

/// <summary>A row refused at ingest, with where it was and why, so it can be fixed and sent again.</summary>
public sealed class QuarantinedRow
{
    public long Id { get; init; }
    public required long FileId { get; init; }
    public required long LineNumber { get; init; }
    public string? ColumnName { get; init; }
    public required string Reason { get; init; }
    public required string RawText { get; init; }
}
