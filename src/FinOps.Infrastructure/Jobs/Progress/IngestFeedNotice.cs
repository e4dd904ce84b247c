using System.Text;
using System.Text.Json;
using FinOps.Application.Ingest;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;

namespace FinOps.Infrastructure.Jobs.Progress;

/// <summary>
/// One feed event as it travels through PostgreSQL NOTIFY, from whichever process runs the job to every process that
/// shows pages. A typed wire shape rather than the event itself: a NOTIFY payload must stay under 8,000 bytes, so it
/// carries what a page shows (the first problems, shortened reasons) and the page reads the rest from the database.
/// </summary>
public sealed record IngestFeedNotice(
    long QueuedFileId, long BatchId, string FileName, QueuedFileStatus Status, IngestFeedNotice.ProgressPart? Progress,
    IngestFeedNotice.OutcomePart? Outcome, string? Reason, string Sender)
{
    /// <summary>PostgreSQL refuses payloads of 8,000 bytes and more; this leaves room for the channel name and quoting.</summary>
    public const int MaxPayloadBytes = 7_600;

    private const int ShownProblems = 5;
    private const int ShownReasonChars = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record ProgressPart(string FileName, long BytesRead, long TotalBytes, long RowsRead, double ElapsedMs, long BadRows);

    public sealed record ProblemPart(long Line, string? Column, string Reason);

    public sealed record OutcomePart(
        IngestResult Result, long? FileId, string? Format, long RowsRead, long RowsStored, long Duplicates, long Conflicts, long Quarantined,
        long SupersededLines, string? Reason, IReadOnlyList<ProblemPart> Problems);

    public static IngestFeedNotice From(IngestFeedEvent e, string sender) => new(
        e.QueuedFileId, e.BatchId, Shorten(e.FileName, 255)!, e.Status,
        e.Progress is { } p ? new ProgressPart(Shorten(p.FileName, 255)!, p.BytesRead, p.TotalBytes, p.RowsRead, p.Elapsed.TotalMilliseconds, p.BadRows) : null,
        e.Outcome is { } o
            ? new OutcomePart(o.Result, o.FileId, o.Format, o.RowsRead, o.RowsStored, o.Duplicates, o.Conflicts, o.Quarantined, o.SupersededLines,
                Shorten(o.Reason, ShownReasonChars), o.Problems.Take(ShownProblems).Select(r => new ProblemPart(r.Line, Shorten(r.Column, 100), Shorten(r.Reason, ShownReasonChars)!)).ToList())
            : null,
        Shorten(e.Reason, ShownReasonChars), sender);

    public IngestFeedEvent ToEvent() => new(
        QueuedFileId, BatchId, FileName, Status,
        Progress is { } p ? new IngestProgress(p.FileName, p.BytesRead, p.TotalBytes, p.RowsRead, TimeSpan.FromMilliseconds(p.ElapsedMs), p.BadRows) : null,
        Outcome is { } o
            ? new IngestOutcome(FileName, o.Result, o.FileId, o.Format, o.RowsRead, o.RowsStored, o.Duplicates, o.Conflicts, o.Quarantined, o.SupersededLines,
                o.Reason, o.Problems.Select(r => new RowProblem(r.Line, r.Column, r.Reason)).ToList())
            : null,
        Reason);

    /// <summary>The payload, within PostgreSQL's limit: problems go first, then the reasons are cut, if the text needs it.</summary>
    public string ToPayload()
    {
        var payload = JsonSerializer.Serialize(this, Json);
        if (Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes) return payload;
        var lean = this with
        {
            Outcome = Outcome is { } o ? o with { Problems = [], Reason = Shorten(o.Reason, 80) } : null,
            Reason = Shorten(Reason, 80),
            FileName = Shorten(FileName, 80)!,
            Progress = Progress is { } p ? p with { FileName = Shorten(p.FileName, 80)! } : null,
        };
        return JsonSerializer.Serialize(lean, Json);
    }

    public static IngestFeedNotice? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<IngestFeedNotice>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
