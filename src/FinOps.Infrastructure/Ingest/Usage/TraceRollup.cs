using FinOps.Domain.Ingest;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The traced calls of a direct load summed per execution and hour (usage_trace_hourly), chunk by chunk on the
/// loading connection. Unlike the hourly rollup its size follows the file's executions, so it is merged whenever it
/// holds <see cref="MergeAt"/> executions and at the end: merges add up, and all of them roll back with the load.
/// </summary>
internal sealed class TraceRollup
{
    public const int MergeAt = 50_000;

    private readonly record struct Key(long TenantId, DateTimeOffset Hour, string TraceId, long FeatureId, int ModelId, int ModelAliasId, bool Batch);

    private sealed class Sums
    {
        public DateTimeOffset First = DateTimeOffset.MaxValue, Last = DateTimeOffset.MinValue;
        public long Calls, Input, Cached, Output;
        public string? Workflow;
    }

    private readonly Dictionary<Key, Sums> _executions = [];

    public int Count => _executions.Count;

    public void Add(UsageRecord record, in UsageIds ids)
    {
        if (record.TraceId is not { } traceId) return;
        var utc = record.OccurredAt.UtcTicks;
        var key = new Key(ids.TenantId, new DateTimeOffset(utc - utc % TimeSpan.TicksPerHour, TimeSpan.Zero), traceId, ids.FeatureId, ids.ModelId, ids.ModelAliasId,
            record.ServiceTier == "batch");
        if (!_executions.TryGetValue(key, out var sums)) _executions[key] = sums = new Sums();
        if (record.OccurredAt < sums.First) sums.First = record.OccurredAt;
        if (record.OccurredAt > sums.Last) sums.Last = record.OccurredAt;
        sums.Calls++;
        sums.Input += record.InputTokens;
        sums.Cached += record.CachedInputTokens;
        sums.Output += record.OutputTokens;
        if (record.Workflow is { } workflow && (sums.Workflow is null || string.CompareOrdinal(workflow, sums.Workflow) < 0)) sums.Workflow = workflow;
    }

    /// <summary>One COPY into a temporary table and one upsert in key order; the sums start again empty.</summary>
    public async Task MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_executions.Count == 0) return;
        await using (var create = new NpgsqlCommand("""
            create temp table if not exists stage_traces (tenant_id bigint, hour timestamptz, trace_id text, feature_id bigint, model_id integer,
                model_alias_id integer, batch boolean, first_at timestamptz, last_at timestamptz, calls bigint, input_tokens bigint,
                cached_input_tokens bigint, output_tokens bigint, workflow text) on commit drop;
            truncate stage_traces;
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("copy stage_traces from stdin (format binary)", cancellationToken))
        {
            foreach (var (k, v) in _executions)
            {
                await copy.StartRowAsync(cancellationToken);
                copy.Write(k.TenantId, NpgsqlDbType.Bigint);
                copy.Write(k.Hour, NpgsqlDbType.TimestampTz);
                copy.Write(k.TraceId, NpgsqlDbType.Text);
                copy.Write(k.FeatureId, NpgsqlDbType.Bigint);
                copy.Write(k.ModelId, NpgsqlDbType.Integer);
                copy.Write(k.ModelAliasId, NpgsqlDbType.Integer);
                copy.Write(k.Batch, NpgsqlDbType.Boolean);
                copy.Write(v.First, NpgsqlDbType.TimestampTz);
                copy.Write(v.Last, NpgsqlDbType.TimestampTz);
                copy.Write(v.Calls, NpgsqlDbType.Bigint);
                copy.Write(v.Input, NpgsqlDbType.Bigint);
                copy.Write(v.Cached, NpgsqlDbType.Bigint);
                copy.Write(v.Output, NpgsqlDbType.Bigint);
                if (v.Workflow is null) copy.WriteNull();
                else copy.Write(v.Workflow, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using var merge = new NpgsqlCommand($"""
            insert into usage_trace_hourly as t (tenant_id, hour, trace_id, feature_id, model_id, model_alias_id, batch, first_at, last_at,
                                                 calls, input_tokens, cached_input_tokens, output_tokens, workflow)
            select * from stage_traces order by 1, 2, 3, 4, 5, 6, 7
            {UsageSettleSql.OnTraceConflict}
            """, connection);
        await merge.ExecuteNonQueryAsync(cancellationToken);
        _executions.Clear();
    }
}
