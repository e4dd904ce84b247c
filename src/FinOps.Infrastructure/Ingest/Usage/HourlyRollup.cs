using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The hourly rollup of a file's rows, summed in memory as the parser passes them (its size is the file's tenants ×
/// features × models × hours, not its rows) and merged into usage_hourly in one statement at the end — the work the
/// rollup trigger did on a second copy of every row.
/// </summary>
internal sealed class HourlyRollup
{
    private readonly record struct Key(long TenantId, DateTimeOffset Hour, long FeatureId, int ProviderId, int ModelId, string Deployment, string ServiceTier, int ModelAliasId);

    private sealed class Sums
    {
        public long Requests, Input, Cached, Output;
        public decimal GpuSeconds;
    }

    private readonly Dictionary<Key, Sums> _hours = [];

    public int Count => _hours.Count;

    public void Add(in UsageIds ids, DateTimeOffset occurredAt, string? deployment, string? serviceTier, long input, long cached, long output, decimal? gpuSeconds)
    {
        var utc = occurredAt.UtcTicks;
        var key = new Key(ids.TenantId, new DateTimeOffset(utc - utc % TimeSpan.TicksPerHour, TimeSpan.Zero), ids.FeatureId, ids.ProviderId, ids.ModelId,
            deployment ?? "", serviceTier ?? "", ids.ModelAliasId);
        if (!_hours.TryGetValue(key, out var sums)) _hours[key] = sums = new Sums();
        sums.Requests++;
        sums.Input += input;
        sums.Cached += cached;
        sums.Output += output;
        sums.GpuSeconds += gpuSeconds ?? 0m;
    }

    /// <summary>One COPY of the sums into a temporary table and one upsert in key order (concurrent loads lock rollup rows in the same order).</summary>
    public async Task MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_hours.Count == 0) return;
        await using (var create = new NpgsqlCommand("""
            create temp table stage_rollup (tenant_id bigint, hour timestamptz, feature_id bigint, provider_id integer, model_id integer,
                deployment text, service_tier text, model_alias_id integer, requests bigint, input_tokens bigint, cached_input_tokens bigint,
                output_tokens bigint, gpu_seconds numeric) on commit drop
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("copy stage_rollup from stdin (format binary)", cancellationToken))
        {
            foreach (var (k, v) in _hours)
            {
                await copy.StartRowAsync(cancellationToken);
                copy.Write(k.TenantId, NpgsqlDbType.Bigint);
                copy.Write(k.Hour, NpgsqlDbType.TimestampTz);
                copy.Write(k.FeatureId, NpgsqlDbType.Bigint);
                copy.Write(k.ProviderId, NpgsqlDbType.Integer);
                copy.Write(k.ModelId, NpgsqlDbType.Integer);
                copy.Write(k.Deployment, NpgsqlDbType.Text);
                copy.Write(k.ServiceTier, NpgsqlDbType.Text);
                copy.Write(k.ModelAliasId, NpgsqlDbType.Integer);
                copy.Write(v.Requests, NpgsqlDbType.Bigint);
                copy.Write(v.Input, NpgsqlDbType.Bigint);
                copy.Write(v.Cached, NpgsqlDbType.Bigint);
                copy.Write(v.Output, NpgsqlDbType.Bigint);
                copy.Write(v.GpuSeconds, NpgsqlDbType.Numeric);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using var merge = new NpgsqlCommand($"""
            insert into usage_hourly as h (tenant_id, hour, feature_id, provider_id, model_id, deployment, service_tier, model_alias_id,
                                           requests, input_tokens, cached_input_tokens, output_tokens, gpu_seconds)
            select * from stage_rollup order by 1, 2, 3, 4, 5, 6, 7, 8
            {UsageSettleSql.OnConflict}
            """, connection);
        await merge.ExecuteNonQueryAsync(cancellationToken);
    }
}
