using System.Diagnostics;
using FinOps.Application.Ingest;
using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Csv;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FinOps.Infrastructure.Ingest;

/// <summary>
/// The one pipeline of <see cref="IIngestPipeline"/>: fingerprint (same file twice changes nothing) → detect the
/// format from the header → stream every row into staging with one binary COPY → judge the bad rows against the
/// thresholds → merge set-based → record the file. Everything after the fingerprint is one transaction: a file is
/// in whole or not at all, whatever happens to the process.
/// </summary>
internal sealed class IngestPipeline(
    Persistence.BulkLoadDatabase bulk, IEnumerable<IStagedFormat> formats, IngestThresholds thresholds, IngestLoadOptions options, TimeProvider clock,
    ILogger<IngestPipeline> log) : IIngestPipeline
{
    // Ingest statements run without a command timeout (see BulkLoadDatabase); cancellation comes from the job.
    private readonly NpgsqlDataSource _database = bulk.DataSource;

    private const int ProgressEveryRows = 20_000;
    private const int MaxPartitionRetries = 3;

    public async Task<IngestOutcome> IngestAsync(IngestRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var name = request.DisplayName;
        var fingerprint = await FileFingerprint.ComputeAsync(request.Path, cancellationToken);
        if (fingerprint.Length == 0) return await RejectAsync(request, fingerprint, null, "the file is empty", null, cancellationToken);
        if (fingerprint.ContentProblem is { } content) return await RejectAsync(request, fingerprint, null, content, null, cancellationToken);
        if (fingerprint.EncodingProblem is { } encoding) return await RejectAsync(request, fingerprint, null, encoding, null, cancellationToken);

        var input = await OpenAsync(request.Path, cancellationToken);
        try
        {
            if (input.Json is { Problem: { } jsonProblem }) return await RejectAsync(request, fingerprint, null, jsonProblem, null, cancellationToken);
            if (input.Csv is { Headers.Count: 0 }) return await RejectAsync(request, fingerprint, null, "the file has no header row", null, cancellationToken);
            if (input.Csv is { DuplicateHeader: { } duplicate }) return await RejectAsync(request, fingerprint, null, duplicate, null, cancellationToken);
            var (format, refusal) = Resolve(request.Format, input);
            if (format is null) return await RejectAsync(request, fingerprint, null, refusal!, null, cancellationToken);

            if (await FindStoredAsync(fingerprint.Sha256, format.Kind, cancellationToken) is { } earlier)
                return new IngestOutcome(name, IngestResult.AlreadyIngested, earlier, format.Name, 0, 0, 0, 0, 0, 0,
                    $"already ingested as file #{earlier}; nothing to do", []);

            var started = Stopwatch.StartNew();
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var context = new StageContext(
                request.Source ?? format.Name,
                request.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : null,
                await OrganisationCurrencyAsync(connection, cancellationToken),
                request.TenantFrom,
                request.FeatureFrom)
            {
                Bounds = options.BoundsAt(clock.GetUtcNow()),
            };
            await TakeSourceTurnAsync(connection, format.Kind, context.Source, cancellationToken);
            var fileId = await InsertFileAsync(connection, request, fingerprint, format, context.Source, cancellationToken);
            var rawKeptFrom = format.Kind == IngestionKind.Usage ? await RawUsageKeptFromAsync(connection, cancellationToken) : null;
            Action ProgressOf(StageCounts counts, IngestInput reading) => () =>
            {
                if (counts.Rows % ProgressEveryRows == 0)
                    progress?.Report(new IngestProgress(name, reading.BytesRead, fingerprint.Length, counts.Rows, started.Elapsed, counts.BadRows));
            };

            var counts = new StageCounts();
            DirectLoadResult.Loaded? direct = null;
            if (format is IDirectLoadFormat directFormat && options.DirectLoad)
                (input, counts, direct) = await TryDirectAsync(directFormat, connection, transaction, input, request.Path, context, fileId, rawKeptFrom, ProgressOf, cancellationToken);
            if (direct is null) await format.StageAsync(connection, input, context, counts, ProgressOf(counts, input), cancellationToken);
            progress?.Report(new IngestProgress(name, fingerprint.Length, fingerprint.Length, counts.Rows, started.Elapsed, counts.BadRows));

            if (rawKeptFrom is { } keptFrom && counts.From is { } earliest && earliest < keptFrom)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await RejectAsync(request, fingerprint, format, RetentionRefusal(earliest, keptFrom), counts, cancellationToken);
            }
            if (thresholds.Judge(counts.Rows, counts.BadRows, counts.AbsoluteCost, counts.BadAbsoluteCost) is { } verdict)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await RejectAsync(request, fingerprint, format, verdict, counts, cancellationToken);
            }

            MergeCounts merged;
            long quarantined;
            try
            {
                var merging = System.Diagnostics.Stopwatch.StartNew();
                merged = direct is null ? await format.MergeAsync(connection, fileId, cancellationToken) : new MergeCounts(direct.Stored, 0, 0, 0);
                if (direct is null) IngestPhases.Record(IngestPhases.StagedMerge, merging.Elapsed);
                quarantined = direct?.Quarantined ?? await QuarantineAsync(connection, format, fileId, cancellationToken);
                await CompleteFileAsync(connection, fileId, counts, merged, quarantined, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal))
            {
                // A data exception the checks before it did not foresee: the file is refused whole (its transaction is
                // rolled back) with the database's words, never its error code or a stack trace.
                log.LogWarning(e, "Ingest of {File} refused by the database", name);
                await transaction.RollbackAsync(CancellationToken.None);
                return await RejectAsync(request, fingerprint, format, $"a value in the file cannot be stored: {e.MessageText}", counts, cancellationToken);
            }

            log.LogInformation("Ingested {File} as #{FileId} ({Format}, {Path}): {Rows} rows, {Stored} stored, {Duplicates} duplicates, {Conflicts} conflicts, {Quarantined} quarantined in {Seconds:0.0}s",
                name, fileId, format.Name, direct is null ? "staged merge" : "direct load", counts.Rows, merged.Stored, merged.Duplicates, merged.Conflicts, counts.BadRows, started.Elapsed.TotalSeconds);
            return new IngestOutcome(name, IngestResult.Stored, fileId, format.Name, counts.Rows, merged.Stored, merged.Duplicates,
                merged.Conflicts, counts.BadRows, merged.SupersededLines, null, counts.FirstProblems)
            {
                DataSpan = counts is { From: { } from, To: { } to } ? (from, to) : null,
                Kind = format.Kind,
            };
        }
        finally
        {
            input.Dispose();
        }
    }

    /// <summary>
    /// Files of one kind from one source are written one at a time, whichever process or worker runs them: their
    /// request keys and superseded bill lines overlap, and two transactions claiming the same keys in different
    /// orders deadlock (or the later one's staged merge meets a key the earlier has not committed). The turn is a
    /// transaction advisory lock, so it ends with the file's commit or rollback; different sources still run side
    /// by side.
    /// </summary>
    private static async Task TakeSourceTurnAsync(NpgsqlConnection connection, IngestionKind kind, string source, CancellationToken cancellationToken)
    {
        await using var turn = new NpgsqlCommand("select pg_advisory_xact_lock(hashtext('ingest:' || @kind || ':' || @source))", connection);
        turn.Parameters.AddWithValue("kind", kind.ToString());
        turn.Parameters.AddWithValue("source", source);
        await turn.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Tries the format's direct load under a savepoint: again after creating a missing month's partition (outside
    /// this transaction, which then holds no lock on token_usage), and otherwise rolls back to the savepoint and
    /// hands a fresh reader of the file to the staged path.
    /// </summary>
    private async Task<(IngestInput Input, StageCounts Counts, DirectLoadResult.Loaded? Loaded)> TryDirectAsync(IDirectLoadFormat format,
        NpgsqlConnection connection, NpgsqlTransaction transaction, IngestInput input, string path, StageContext context, long fileId,
        DateTimeOffset? rawKeptFrom, Func<StageCounts, IngestInput, Action> progressOf, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counts = new StageCounts();
            await transaction.SaveAsync("direct_load", cancellationToken);
            var result = await format.TryLoadDirectAsync(connection, _database, input, context, fileId, counts, progressOf(counts, input), cancellationToken);
            if (result is DirectLoadResult.Loaded loaded)
            {
                await transaction.ReleaseAsync("direct_load", cancellationToken);
                return (input, counts, loaded);
            }
            await transaction.RollbackAsync("direct_load", cancellationToken);
            input.Dispose();
            input = await OpenAsync(path, cancellationToken);
            // A month whose raw requests retention dropped gets no partition again: the staged path reads the file and it is refused.
            if (result is DirectLoadResult.NeedsPartition { Month: var month } && attempt <= MaxPartitionRetries
                && !(rawKeptFrom is { } keptFrom && month.ToDateTime(TimeOnly.MinValue) < keptFrom.UtcDateTime))
            {
                await using var ensure = _database.CreateCommand("select ensure_token_usage_partition($1)");
                ensure.Parameters.Add(new() { Value = month });
                await ensure.ExecuteScalarAsync(cancellationToken);
                log.LogDebug("Created the usage partition of {Month:yyyy-MM} for {File}", month, Path.GetFileName(path));
                continue;
            }
            log.LogInformation("{File} goes through the staged merge: {Why}", Path.GetFileName(path),
                (result as DirectLoadResult.FallBack)?.Why ?? "it spans more months without partitions than a direct load retries for");
            return (input, new StageCounts(), null);
        }
    }

    /// <summary>JSON when the first character is '{' or '[' (a document, or one object per line); CSV otherwise.</summary>
    private static async Task<IngestInput> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        var first = -1;
        while ((first = stream.ReadByte()) is ' ' or '\t' or '\r' or '\n' or 0xEF or 0xBB or 0xBF) { }
        stream.Position = 0;
        return first is '{' or '['
            ? new IngestInput { Json = await Json.JsonInput.OpenAsync(stream, cancellationToken), File = stream }
            : new IngestInput { Csv = CsvTable.Open(stream), File = stream };
    }

    private (IStagedFormat? Format, string? Refusal) Resolve(string requested, IngestInput input)
    {
        var headers = input.Headers;
        if (!requested.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            var named = formats.FirstOrDefault(f => f.Name.Equals(requested, StringComparison.OrdinalIgnoreCase));
            if (named is null) return (null, $"unknown format '{requested}'; use auto or one of {string.Join(", ", formats.Select(f => f.Name))}");
            if (input.Json is not null) return named.Matches(input) ? (named, null) : (null, $"the JSON is not {named.Name}");
            var missing = named.RequiredColumns.Where(c => !headers.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
            return missing.Count == 0 ? (named, null) : (null, $"missing required column(s) for {named.Name}: {string.Join(", ", missing)}");
        }
        var detected = formats.FirstOrDefault(f => f.Matches(input));
        if (detected is not null) return (detected, null);
        if (input.Json is not null) return (null, "unknown format: the JSON matches no format FinOps reads (OpenTelemetry GenAI spans …)");
        // Name the closest format and what it lacks, so a renamed column is easy to spot.
        var closest = formats.Where(f => f.RequiredColumns.Count > 0).OrderBy(f => f.RequiredColumns.Count(c => !headers.Contains(c, StringComparer.OrdinalIgnoreCase))).First();
        var lacking = closest.RequiredColumns.Where(c => !headers.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        // A header sharing no required column with any format is not "close" to one: say what was read instead.
        if (lacking.Count == closest.RequiredColumns.Count)
        {
            var read = string.Join(", ", headers.Take(8)) + (headers.Count > 8 ? $", … ({headers.Count} columns)" : "");
            return (null, Messages.OneLine($"unknown format: no column of the header is one a format FinOps reads requires (the header reads: {read})"));
        }
        return (null, $"unknown format: the header matches no format FinOps reads (closest: {closest.Name}, missing {string.Join(", ", lacking)})");
    }

    private async Task<long?> FindStoredAsync(string sha256, IngestionKind kind, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand("""
            select id from ingestion_files where sha256 = $1 and kind = $2 and status in ('Stored', 'Superseded') order by id limit 1
            """);
        command.Parameters.Add(new() { Value = sha256 });
        command.Parameters.Add(new() { Value = kind.ToString() });
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private static async Task<Currency> OrganisationCurrencyAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select currency from organisation_settings where id = 1", connection);
        return Currency.FromCode((string)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>The first instant whose raw requests are still kept: after the last month retention dropped (null while none was).</summary>
    private static async Task<DateTimeOffset?> RawUsageKeptFromAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select max(month) from dropped_usage_months", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateOnly last
            ? new DateTimeOffset(last.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
    }

    private static string RetentionRefusal(DateTimeOffset from, DateTimeOffset keptFrom) =>
        $"the file has requests from {from.UtcDateTime:yyyy-MM-dd}, but raw requests before {keptFrom.UtcDateTime:yyyy-MM} were dropped by retention: "
        + "a repeat of a dropped request could no longer be told from a new one, so usage for those months cannot be stored "
        + "(their statements, closes and invoices stay as they are; late bills for them still re-allocate)";

    private async Task<long> InsertFileAsync(NpgsqlConnection connection, IngestRequest request, FileFingerprint fingerprint,
        IStagedFormat format, string source, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into ingestion_files (file_name, sha256, size_bytes, kind, format, source, status, uploaded_by, uploaded_at,
                                         rows_read, rows_stored, rows_duplicate, rows_conflict, rows_quarantined, batch_id)
            values ($1, $2, $3, $4, $5, $6, 'Processing', $7, $8, 0, 0, 0, 0, 0, $9) returning id
            """, connection);
        foreach (var value in new object[] { request.DisplayName, fingerprint.Sha256, fingerprint.Length, format.Kind.ToString(), format.Name, source, request.UploadedBy, clock.GetUtcNow(), (object?)request.BatchId ?? DBNull.Value })
            command.Parameters.Add(new() { Value = value });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<long> QuarantineAsync(NpgsqlConnection connection, IStagedFormat format, long fileId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            insert into quarantined_rows (file_id, line_number, column_name, reason, raw_text)
            select $1, line, problem_column, problem_reason, raw from {format.StageTable} where problem_reason is not null order by line
            """, connection) { Parameters = { new() { Value = fileId } } };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CompleteFileAsync(NpgsqlConnection connection, long fileId, StageCounts counts, MergeCounts merged, long quarantined, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            update ingestion_files set status = 'Stored', rows_read = $2, rows_stored = $3, rows_duplicate = $4,
                   rows_conflict = $5, rows_quarantined = $6, completed_at = $7, data_from = $8, data_to = $9
            where id = $1
            """, connection);
        foreach (var value in new object[] { fileId, counts.Rows, merged.Stored, merged.Duplicates, merged.Conflicts, quarantined, clock.GetUtcNow(),
                     (object?)counts.From ?? DBNull.Value, (object?)counts.To ?? DBNull.Value })
            command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A rejected file is recorded (with its reason) so the history shows it; nothing else of it is stored.</summary>
    private async Task<IngestOutcome> RejectAsync(IngestRequest request, FileFingerprint fingerprint, IStagedFormat? format, string reason,
        StageCounts? counts, CancellationToken cancellationToken)
    {
        var name = request.DisplayName;
        reason = Messages.OneLine(reason);
        await using var command = _database.CreateCommand("""
            insert into ingestion_files (file_name, sha256, size_bytes, kind, format, source, status, rows_read, rows_quarantined,
                                         error, uploaded_by, uploaded_at, completed_at, rows_stored, rows_duplicate, rows_conflict, batch_id)
            values ($1, $2, $3, $4, $5, $6, 'Rejected', $7, $8, $9, $10, $11, $11, 0, 0, 0, $12) returning id
            """);
        var now = clock.GetUtcNow();
        foreach (var value in new object[]
                 {
                     name, fingerprint.Sha256, fingerprint.Length, (format?.Kind ?? IngestionKind.Usage).ToString(), format?.Name ?? "unknown",
                     request.Source ?? format?.Name ?? "unknown", counts?.Rows ?? 0L, counts?.BadRows ?? 0L, reason, request.UploadedBy, now,
                     (object?)request.BatchId ?? DBNull.Value,
                 })
            command.Parameters.Add(new() { Value = value });
        var fileId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        log.LogInformation("Rejected {File}: {Reason}", name, reason);
        return IngestOutcome.Refused(name, format?.Name, reason, counts?.Rows ?? 0, counts?.FirstProblems, fileId);
    }
}
