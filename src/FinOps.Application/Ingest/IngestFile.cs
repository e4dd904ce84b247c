using FinOps.Domain.Ingest;
using Microsoft.Extensions.Logging;

namespace FinOps.Application.Ingest;

/// <param name="Path">The file to ingest.</param>
/// <param name="Format"><c>auto</c> (detect from the header) or a format name such as <c>usage-csv</c>.</param>
/// <param name="Source">For usage: the source its request ids are unique in (default: the format name).</param>
/// <param name="TimeZone">For usage: the zone of timestamps written without an offset (IANA id).</param>
/// <param name="TenantFrom">For logs without a tenant column (LiteLLM): where the tenant is, e.g. <c>metadata.tenant,team_id</c>.</param>
/// <param name="FeatureFrom">Likewise for the feature, e.g. <c>metadata.feature,request_tags.feature</c>.</param>
/// <param name="BatchId">The upload, API call or inbox sweep the file arrived with, if any.</param>
/// <param name="FileName">The name to record when <paramref name="Path"/> is a spool copy (uploads keep their own name).</param>
public sealed record IngestRequest(
    string Path, string Format = "auto", string? Source = null, string? TimeZone = null, string UploadedBy = "cli",
    string? TenantFrom = null, string? FeatureFrom = null, long? BatchId = null, string? FileName = null)
{
    public string DisplayName => FileName ?? System.IO.Path.GetFileName(Path);
}

public enum IngestResult { Stored, AlreadyIngested, Rejected }

/// <summary>What became of one file; <see cref="Problems"/> holds the first reasons (file, line, column, reason).</summary>
public sealed record IngestOutcome(
    string FileName, IngestResult Result, long? FileId, string? Format, long RowsRead, long RowsStored, long Duplicates,
    long Conflicts, long Quarantined, long SupersededLines, string? Reason, IReadOnlyList<RowProblem> Problems)
{
    /// <summary>The time the stored rows cover, when the file stored any: which periods to reconcile again.</summary>
    public (DateTimeOffset From, DateTimeOffset To)? DataSpan { get; init; }

    /// <summary>What the file held (usage, a bill, infra costs), when it was recognised.</summary>
    public Domain.Ingestion.IngestionKind? Kind { get; init; }

    public static IngestOutcome Refused(string fileName, string? format, string reason, long rowsRead = 0, IReadOnlyList<RowProblem>? problems = null,
        long? fileId = null) =>
        new(fileName, IngestResult.Rejected, fileId, format, rowsRead, 0, 0, 0, 0, 0, reason, problems ?? []);
}

/// <summary>Progress of one file, reported while it streams in; <paramref name="BadRows"/> are bound for quarantine (duplicates are known only at the merge).</summary>
public sealed record IngestProgress(string FileName, long BytesRead, long TotalBytes, long RowsRead, TimeSpan Elapsed, long BadRows = 0)
{
    public double Fraction => TotalBytes == 0 ? 1 : Math.Min(1.0, (double)BytesRead / TotalBytes);

    public double RowsPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : RowsRead / Elapsed.TotalSeconds;
}

/// <summary>
/// The one ingest pipeline every format goes through: detect → stream-parse → validate → bulk-copy to staging →
/// one set-based merge → record the file, in one transaction per file.
/// </summary>
public interface IIngestPipeline
{
    Task<IngestOutcome> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken);
}

/// <summary>What follows a stored file (reconciliation of the periods it touched); the hosts with a job server provide it.</summary>
public interface IIngestFollowUp
{
    Task AfterStoredAsync(IngestOutcome outcome, CancellationToken cancellationToken);
}

public sealed class NoIngestFollowUp : IIngestFollowUp
{
    public Task AfterStoredAsync(IngestOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ingests one file; the CLI, upload page, REST API and inbox all come through here.</summary>
public sealed class IngestFile(IIngestPipeline pipeline, IIngestFollowUp followUp, Workflows.CheckRunawayTraces runaways, ILogger<IngestFile> log)
{
    public async Task<IngestOutcome> HandleAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var name = request.DisplayName;
        if (!File.Exists(request.Path)) return IngestOutcome.Refused(name, null, "no such file");
        if (request.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            return IngestOutcome.Refused(name, null, $"unknown time zone '{zone}'");
        var outcome = await pipeline.IngestAsync(request, progress, cancellationToken);
        if (outcome is not { Result: IngestResult.Stored, DataSpan: { } span }) return outcome;
        if (outcome is { Kind: Domain.Ingestion.IngestionKind.Usage, FileId: { } fileId })
        {
            try
            {
                // Runaway loops are checked as their calls arrive, not by a schedule: minutes count while an agent burns money.
                await runaways.HandleAsync(span.From, span.To, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "{File} is stored as file #{FileId}, but its traces could not be checked for runaway loops", outcome.FileName, fileId);
            }
        }
        try
        {
            await followUp.AfterStoredAsync(outcome, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The file is stored, committed: it must not be reported as failed because the reconciliation after it
            // could not be queued. The nightly run (or ./finops reconcile) catches up.
            log.LogWarning(e, "{File} is stored as file #{FileId}, but reconciling its periods could not be queued; the nightly run will", outcome.FileName, outcome.FileId);
        }
        return outcome;
    }
}
