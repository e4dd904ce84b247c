using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>A token-log format (CSV or JSON): recognise it and read its records as normalised usage.</summary>
internal interface IUsageCsvFormat
{
    string Name { get; }
    IReadOnlyList<string> RequiredColumns { get; }
    bool Matches(IngestInput input);
    IEnumerable<ParsedRow<UsageRecord>> Read(IngestInput input, StageContext context);
}

/// <summary>The canonical usage CSV of SEMANTICS §9.</summary>
internal sealed class CanonicalUsage : IUsageCsvFormat
{
    public string Name => UsageCsvFormat.Name;
    public IReadOnlyList<string> RequiredColumns => UsageCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && UsageCsvFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<UsageRecord>> Read(IngestInput input, StageContext context) => UsageCsvFormat.Read(input.Csv!, context.Source, context.SourceZone);
}

/// <summary>
/// Any usage CSV into token_usage. Duplicates (SEMANTICS §2): the first stored copy of a (source, request id)
/// wins — earlier files first, then the earliest line of this file; a duplicate with different content is a
/// conflict, counted and listed in quarantine with a pointer to the stored copy.
/// </summary>
internal sealed class UsageCsvLoader(IUsageCsvFormat format) : IStagedFormat, IDirectLoadFormat
{
    public string Name => format.Name;
    public IngestionKind Kind => IngestionKind.Usage;
    public string StageTable => "stage_usage";
    public IReadOnlyList<string> RequiredColumns => format.RequiredColumns;
    public bool Matches(IngestInput input) => format.Matches(input);

    public async Task StageAsync(NpgsqlConnection connection, IngestInput input, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("""
            create temp table stage_usage (
                line bigint not null, problem_column text, problem_reason text, raw text,
                source text, request_id text, occurred_at timestamptz, tenant text, feature text, provider text, model text,
                input_tokens bigint, cached_input_tokens bigint, output_tokens bigint, latency_ms integer, status text,
                service_tier text, deployment text, gpu_seconds numeric, tags jsonb, trace_id text, workflow text
            ) on commit drop
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        await using var copy = await connection.BeginBinaryImportAsync("copy stage_usage from stdin (format binary)", cancellationToken);
        // Synchronous writes into the importer's buffer, which flushes to the server as it fills.
        foreach (var row in context.Bounds.Apply(format.Read(input, context)))
        {
            counts.Count(row);
            if (StagingRow.Begin(copy, row, 18) is { } r)
            {
                copy.Write(r.Source, NpgsqlDbType.Text);
                copy.Write(r.RequestId, NpgsqlDbType.Text);
                copy.Write(r.OccurredAt, NpgsqlDbType.TimestampTz);
                copy.Write(r.Tenant, NpgsqlDbType.Text);
                copy.Write(r.Feature, NpgsqlDbType.Text);
                copy.Write(r.Provider, NpgsqlDbType.Text);
                copy.Write(r.Model, NpgsqlDbType.Text);
                copy.Write(r.InputTokens, NpgsqlDbType.Bigint);
                copy.Write(r.CachedInputTokens, NpgsqlDbType.Bigint);
                copy.Write(r.OutputTokens, NpgsqlDbType.Bigint);
                copy.Write((object?)r.LatencyMs ?? DBNull.Value, NpgsqlDbType.Integer);
                copy.Write((object?)r.Status ?? DBNull.Value, NpgsqlDbType.Text);
                copy.Write((object?)r.ServiceTier ?? DBNull.Value, NpgsqlDbType.Text);
                copy.Write((object?)r.Deployment ?? DBNull.Value, NpgsqlDbType.Text);
                copy.Write((object?)r.GpuSeconds ?? DBNull.Value, NpgsqlDbType.Numeric);
                copy.Write((object?)r.Tags ?? DBNull.Value, NpgsqlDbType.Jsonb);
                copy.Write((object?)r.TraceId ?? DBNull.Value, NpgsqlDbType.Text);
                copy.Write((object?)r.Workflow ?? DBNull.Value, NpgsqlDbType.Text);
            }
            onRow();
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public async Task<DirectLoadResult> TryLoadDirectAsync(NpgsqlConnection connection, NpgsqlDataSource database, IngestInput input,
        StageContext context, long fileId, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        await using var catalog = await UsageDimensionCatalog.LoadAsync(connection, database, cancellationToken);
        return await DirectUsageLoad.TryAsync(connection, catalog, context.Bounds.Apply(format.Read(input, context)), fileId, counts, onRow, cancellationToken);
    }

    public async Task<MergeCounts> MergeAsync(NpgsqlConnection connection, long fileId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, UsageMergeSql.ResolveDimensions, cancellationToken);
        await using var count = new NpgsqlCommand(UsageMergeSql.CountGood, connection);
        var good = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        await using var insert = new NpgsqlCommand(UsageMergeSql.Insert, connection) { Parameters = { new() { Value = fileId } } };
        var stored = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        if (stored == good) return new MergeCounts(stored, 0, 0, 0);

        await using var conflicts = new NpgsqlCommand(UsageMergeSql.Conflicts, connection) { Parameters = { new() { Value = fileId } } };
        var conflicting = await conflicts.ExecuteNonQueryAsync(cancellationToken);
        return new MergeCounts(stored, good - stored, conflicting, 0);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
