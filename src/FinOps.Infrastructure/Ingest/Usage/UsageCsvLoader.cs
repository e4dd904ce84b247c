using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// Canonical usage CSV into token_usage. Duplicates (SEMANTICS §2): the first stored copy of a (source, request id)
/// wins — earlier files first, then the earliest line of this file; a duplicate with different content is a
/// conflict, counted and listed in quarantine with a pointer to the stored copy.
/// </summary>
internal sealed class UsageCsvLoader : IStagedFormat
{
    public string Name => UsageCsvFormat.Name;
    public IngestionKind Kind => IngestionKind.Usage;
    public string StageTable => "stage_usage";
    public IReadOnlyList<string> RequiredColumns => UsageCsvFormat.Required;
    public bool Matches(IReadOnlyList<string> headers) => UsageCsvFormat.Matches(headers);

    public async Task StageAsync(NpgsqlConnection connection, CsvTable csv, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("""
            create temp table stage_usage (
                line bigint not null, problem_column text, problem_reason text, raw text,
                source text, request_id text, occurred_at timestamptz, tenant text, feature text, provider text, model text,
                input_tokens bigint, cached_input_tokens bigint, output_tokens bigint, latency_ms integer, status text,
                service_tier text, deployment text, gpu_seconds numeric, tags jsonb
            ) on commit drop
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        await using var copy = await connection.BeginBinaryImportAsync("copy stage_usage from stdin (format binary)", cancellationToken);
        foreach (var row in UsageCsvFormat.Read(csv, context.Source, context.SourceZone))
        {
            counts.Count(row);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, cancellationToken);
            if (row.Record is not { } r)
            {
                await copy.WriteAsync((object?)row.Problem!.Column ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Problem.Reason, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.RawText, NpgsqlDbType.Text, cancellationToken);
                for (var i = 0; i < 16; i++) await copy.WriteNullAsync(cancellationToken);
            }
            else
            {
                await copy.WriteNullAsync(cancellationToken);
                await copy.WriteNullAsync(cancellationToken);
                await copy.WriteNullAsync(cancellationToken);
                await copy.WriteAsync(r.Source, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.RequestId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Tenant, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.Feature, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.Provider, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.Model, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(r.InputTokens, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.CachedInputTokens, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.OutputTokens, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync((object?)r.LatencyMs ?? DBNull.Value, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync((object?)r.Status ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((object?)r.ServiceTier ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((object?)r.Deployment ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync((object?)r.GpuSeconds ?? DBNull.Value, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync((object?)r.Tags ?? DBNull.Value, NpgsqlDbType.Jsonb, cancellationToken);
            }
            onRow();
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public async Task<MergeCounts> MergeAsync(NpgsqlConnection connection, long fileId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, UsageMergeSql.ResolveDimensions, cancellationToken);
        await ExecuteAsync(connection, UsageMergeSql.ResolveRows, cancellationToken);

        await using var merge = new NpgsqlCommand(UsageMergeSql.Merge, connection) { Parameters = { new() { Value = fileId } } };
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new MergeCounts(Stored: reader.GetInt64(0), Duplicates: reader.GetInt64(1), Conflicts: reader.GetInt64(2), SupersededLines: 0);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
