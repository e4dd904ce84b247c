using System.Diagnostics;
using System.Threading.Channels;
using FinOps.Domain.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The fast path of a usage file in which every request is new — the common case of a daily export: binary COPYs
/// straight into token_usage with ids resolved in memory, chunk by chunk, each chunk's keys COPYed into the key
/// table right after it, the hourly rollup summed in memory and merged once, executions (traces) summed per chunk. The database still judges: the
/// key table's index raises a unique violation on the first (source, request id) that is stored already or repeated
/// in the file, and then the caller rolls back to its savepoint and runs the staged merge, which applies the full
/// duplicate and conflict rules of SEMANTICS §2. Both paths store the same rows, keys and rollup.
/// </summary>
internal static class DirectUsageLoad
{
    /// <summary>Bad rows are held in memory until the COPY ends; a file with more goes through staging instead.</summary>
    public const int MaxProblemsHeld = 10_000;

    /// <summary>Rows held between COPYs: each chunk's rows, then its keys, so the key table's index judges duplicates without a trigger.</summary>
    public const int ChunkRows = 20_000;

    private const string CopyUsage = """
        copy token_usage (id, tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id, model_alias_id, input_tokens,
                          cached_input_tokens, output_tokens, latency_ms, status, service_tier, deployment, gpu_seconds, tags, trace_id, workflow, file_id)
        from stdin (format binary)
        """;

    private const string CopyKeys = "copy token_usage_keys (source, request_id, tenant_id, occurred_at, usage_id) from stdin (format binary)";

    private readonly record struct Row(UsageRecord Record, UsageIds Ids);

    /// <summary>Chunks parsed ahead of the COPY: the parser works while the database stores the chunk before (memory: about three chunks).</summary>
    private const int ChunksAhead = 1;

    public static async Task<DirectLoadResult> TryAsync(NpgsqlConnection connection, UsageDimensionCatalog catalog,
        IEnumerable<ParsedRow<UsageRecord>> rows, long fileId, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        var problems = new List<ParsedRow<UsageRecord>>();
        var rollup = new HourlyRollup();
        var traces = new TraceRollup();
        var tags = new TagRollup();
        var chunks = Channel.CreateBounded<List<Row>>(new BoundedChannelOptions(ChunksAhead) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The parser runs on its own thread: reading, validating and resolving names overlap the COPY of the chunk before.
        var parser = Task.Run(() => ParseAsync(catalog, rows, counts, onRow, problems, rollup, chunks.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
            {
                await FlushAsync(connection, chunk, fileId, cancellationToken);
                foreach (var row in chunk)
                {
                    traces.Add(row.Record, row.Ids);
                    tags.Add(row.Record, row.Ids);
                }
                if (traces.Count >= TraceRollup.MergeAt) await traces.MergeAsync(connection, cancellationToken);
                if (tags.Count >= TagRollup.MergeAt) await tags.MergeAsync(connection, cancellationToken);
            }
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pk_token_usage_keys" })
        {
            await StopAsync(stop, parser);
            return new DirectLoadResult.FallBack("a request of the file is stored already or repeated in it");
        }
        catch
        {
            await StopAsync(stop, parser);
            throw;
        }
        if (await parser is { } early) return early;

        if (!await catalog.InsertNewAsync(connection, cancellationToken))
            return new DirectLoadResult.FallBack("a tenant, feature, provider or model of the file was created by another writer meanwhile");
        var merge = Stopwatch.StartNew();
        await rollup.MergeAsync(connection, cancellationToken);
        await traces.MergeAsync(connection, cancellationToken);
        await tags.MergeAsync(connection, cancellationToken);
        IngestPhases.Record(IngestPhases.RollupMerge, merge.Elapsed);
        await QuarantineAsync(connection, problems, fileId, cancellationToken);
        return new DirectLoadResult.Loaded(counts.Rows - counts.BadRows, problems.Count);
    }

    /// <summary>The COPY failed: the parser is told to stop and awaited, so nothing reads the file once the caller disposes it.</summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task parser)
    {
        await stop.CancelAsync();
        try { await parser; }
        catch (OperationCanceledException) { }
    }

    /// <summary>Reads, validates and resolves the file into chunks; answers why the direct load must stop early, or null when every row was handed on.</summary>
    private static async Task<DirectLoadResult?> ParseAsync(UsageDimensionCatalog catalog, IEnumerable<ParsedRow<UsageRecord>> rows, StageCounts counts,
        Action onRow, List<ParsedRow<UsageRecord>> problems, HourlyRollup rollup, ChannelWriter<List<Row>> chunks, CancellationToken cancellationToken)
    {
        var busy = Stopwatch.StartNew();
        var chunk = new List<Row>(ChunkRows);
        try
        {
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                counts.Count(row);
                onRow();
                if (row.Record is not { } r)
                {
                    if (problems.Count == MaxProblemsHeld) return new DirectLoadResult.FallBack($"more than {MaxProblemsHeld:N0} bad rows");
                    problems.Add(row);
                    continue;
                }
                if (!catalog.HasPartitionFor(r.OccurredAt))
                    return new DirectLoadResult.NeedsPartition(new DateOnly(r.OccurredAt.UtcDateTime.Year, r.OccurredAt.UtcDateTime.Month, 1));
                var ids = await catalog.ResolveAsync(r, cancellationToken);
                chunk.Add(new Row(r, ids));
                rollup.Add(ids, r.OccurredAt, r.Deployment, r.ServiceTier, r.InputTokens, r.CachedInputTokens, r.OutputTokens, r.GpuSeconds);
                if (chunk.Count < ChunkRows) continue;
                IngestPhases.Record(IngestPhases.Parse, busy.Elapsed);
                await chunks.WriteAsync(chunk, cancellationToken);
                busy.Restart();
                chunk = new List<Row>(ChunkRows);
            }
            IngestPhases.Record(IngestPhases.Parse, busy.Elapsed);
            if (chunk.Count > 0) await chunks.WriteAsync(chunk, cancellationToken);
            return null;
        }
        finally
        {
            chunks.TryComplete();
        }
    }

    /// <summary>A chunk's rows with ids taken from the sequence, then their keys: a key stored already fails the COPY (the caller falls back).</summary>
    private static async Task FlushAsync(NpgsqlConnection connection, List<Row> chunk, long fileId, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0) return;
        var watch = Stopwatch.StartNew();
        var ids = new long[chunk.Count];
        await using (var next = new NpgsqlCommand("select nextval('token_usage_id_seq') from generate_series(1, $1)", connection) { Parameters = { new() { Value = chunk.Count } } })
        await using (var reader = await next.ExecuteReaderAsync(cancellationToken))
            for (var i = 0; await reader.ReadAsync(cancellationToken); i++) ids[i] = reader.GetInt64(0);

        await using (var importer = await connection.BeginBinaryImportAsync(CopyUsage, cancellationToken))
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var (r, k) = (chunk[i].Record, chunk[i].Ids);
                await importer.StartRowAsync(cancellationToken);
                importer.Write(ids[i], NpgsqlDbType.Bigint);
                importer.Write(k.TenantId, NpgsqlDbType.Bigint);
                importer.Write(r.OccurredAt, NpgsqlDbType.TimestampTz);
                importer.Write(r.Source, NpgsqlDbType.Varchar);
                importer.Write(r.RequestId, NpgsqlDbType.Varchar);
                importer.Write(k.FeatureId, NpgsqlDbType.Bigint);
                importer.Write(k.ProviderId, NpgsqlDbType.Integer);
                importer.Write(k.ModelId, NpgsqlDbType.Integer);
                importer.Write(k.ModelAliasId, NpgsqlDbType.Integer);
                importer.Write(r.InputTokens, NpgsqlDbType.Bigint);
                importer.Write(r.CachedInputTokens, NpgsqlDbType.Bigint);
                importer.Write(r.OutputTokens, NpgsqlDbType.Bigint);
                WriteNullable(importer, r.LatencyMs, NpgsqlDbType.Integer);
                WriteNullable(importer, r.Status, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.ServiceTier, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.Deployment, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.GpuSeconds, NpgsqlDbType.Numeric);
                WriteNullable(importer, r.Tags, NpgsqlDbType.Jsonb);
                WriteNullable(importer, r.TraceId, NpgsqlDbType.Varchar);
                WriteNullable(importer, r.Workflow, NpgsqlDbType.Varchar);
                importer.Write(fileId, NpgsqlDbType.Bigint);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        IngestPhases.Record(IngestPhases.CopyRows, watch.Elapsed);
        watch.Restart();
        await using (var keys = await connection.BeginBinaryImportAsync(CopyKeys, cancellationToken))
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                var (r, k) = (chunk[i].Record, chunk[i].Ids);
                await keys.StartRowAsync(cancellationToken);
                keys.Write(r.Source, NpgsqlDbType.Varchar);
                keys.Write(r.RequestId, NpgsqlDbType.Varchar);
                keys.Write(k.TenantId, NpgsqlDbType.Bigint);
                keys.Write(r.OccurredAt, NpgsqlDbType.TimestampTz);
                keys.Write(ids[i], NpgsqlDbType.Bigint);
            }
            await keys.CompleteAsync(cancellationToken);
        }
        IngestPhases.Record(IngestPhases.CopyKeys, watch.Elapsed);
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type)
    {
        if (value is null) importer.WriteNull();
        else importer.Write(value, type);
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter importer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) importer.Write(v, type);
        else importer.WriteNull();
    }

    private static async Task QuarantineAsync(NpgsqlConnection connection, List<ParsedRow<UsageRecord>> problems, long fileId, CancellationToken cancellationToken)
    {
        if (problems.Count == 0) return;
        await using var importer = await connection.BeginBinaryImportAsync(
            "copy quarantined_rows (file_id, line_number, column_name, reason, raw_text) from stdin (format binary)", cancellationToken);
        foreach (var row in problems)
        {
            await importer.StartRowAsync(cancellationToken);
            importer.Write(fileId, NpgsqlDbType.Bigint);
            importer.Write(row.Line, NpgsqlDbType.Bigint);
            WriteNullable(importer, row.Problem!.Column, NpgsqlDbType.Text);
            importer.Write(Messages.Storable(row.Problem.Reason), NpgsqlDbType.Text);
            importer.Write(Messages.Storable(row.RawText), NpgsqlDbType.Text);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
