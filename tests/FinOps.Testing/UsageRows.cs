using Npgsql;
using NpgsqlTypes;

namespace FinOps.Testing;

/// <summary>A token usage row as a test writes it, by slug; ids are resolved by <see cref="UsageRows"/>.</summary>
public sealed record UsageRow(
    string Tenant, string Feature, string Provider, string Model, DateTimeOffset OccurredAt, string RequestId,
    long Input, long Output, long Cached = 0, string Source = "usage-csv", string? Deployment = null,
    string? ServiceTier = null, decimal? GpuSeconds = null);

/// <summary>
/// Writes usage the way ingest will: reference rows created on first sight, partitions ensured, then binary COPY
/// straight into token_usage (so the database's triggers see exactly what a bulk load looks like).
/// </summary>
public static class UsageRows
{
    public static Task CopyAsync(TestDatabase database, IReadOnlyCollection<UsageRow> rows) => CopyAsync(database.ConnectionString, rows);

    public static async Task CopyAsync(string connectionString, IReadOnlyCollection<UsageRow> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var ids = await ResolveAsync(connection, rows);
        foreach (var month in rows.Select(r => new DateOnly(r.OccurredAt.UtcDateTime.Year, r.OccurredAt.UtcDateTime.Month, 1)).Distinct())
        {
            await using var ensure = new NpgsqlCommand("select ensure_token_usage_partition($1)", connection) { Parameters = { new() { Value = month } } };
            await ensure.ExecuteScalarAsync();
        }

        // Staged, then inserted the way ingest inserts: keys claimed and the rollup added in the same statement.
        await using (var create = new NpgsqlCommand("""
            create temp table stage_rows (tenant_id bigint, occurred_at timestamptz, source varchar(64), request_id varchar(200), feature_id bigint,
                provider_id integer, model_id integer, input_tokens bigint, cached_input_tokens bigint, output_tokens bigint, deployment varchar(200),
                service_tier varchar(32), gpu_seconds numeric)
            """, connection))
            await create.ExecuteNonQueryAsync();
        await using (var writer = await connection.BeginBinaryImportAsync("copy stage_rows from stdin (format binary)"))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(ids.Tenants[row.Tenant], NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(row.Source, NpgsqlDbType.Varchar);
                await writer.WriteAsync(row.RequestId, NpgsqlDbType.Varchar);
                await writer.WriteAsync(ids.Features[row.Feature], NpgsqlDbType.Bigint);
                await writer.WriteAsync(ids.Providers[row.Provider], NpgsqlDbType.Integer);
                await writer.WriteAsync(ids.Models[(row.Provider, row.Model)], NpgsqlDbType.Integer);
                await writer.WriteAsync(row.Input, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.Cached, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.Output, NpgsqlDbType.Bigint);
                await WriteNullableAsync(writer, row.Deployment, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, row.ServiceTier, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, row.GpuSeconds, NpgsqlDbType.Numeric);
            }
            await writer.CompleteAsync();
        }
        await using var insert = new NpgsqlCommand(FinOps.Infrastructure.Ingest.Usage.UsageSettleSql.Settled($"""
            insert into token_usage (tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id,
                                     input_tokens, cached_input_tokens, output_tokens, deployment, service_tier, gpu_seconds)
            select * from stage_rows
            {FinOps.Infrastructure.Ingest.Usage.UsageSettleSql.Returning}
            """), connection);
        await insert.ExecuteScalarAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null) await writer.WriteNullAsync();
        else await writer.WriteAsync(value, type);
    }

    private sealed record Ids(
        Dictionary<string, long> Tenants, Dictionary<string, long> Features, Dictionary<string, int> Providers,
        Dictionary<(string, string), int> Models);

    private static async Task<Ids> ResolveAsync(NpgsqlConnection connection, IReadOnlyCollection<UsageRow> rows)
    {
        var ids = new Ids([], [], [], []);
        foreach (var slug in rows.Select(r => r.Tenant).Distinct())
            ids.Tenants[slug] = await UpsertAsync<long>(connection, "tenants", "slug", slug, "display_name, created_at", "$1, now()");
        foreach (var slug in rows.Select(r => r.Feature).Distinct())
            ids.Features[slug] = await UpsertAsync<long>(connection, "features", "slug", slug, "display_name, created_at", "$1, now()");
        foreach (var slug in rows.Select(r => r.Provider).Distinct())
            ids.Providers[slug] = await UpsertAsync<int>(connection, "providers", "slug", slug, "display_name, billing_day_offset_hours", "$1, 0");
        foreach (var (provider, model) in rows.Select(r => (r.Provider, r.Model)).Distinct())
        {
            await using var command = new NpgsqlCommand("""
                insert into models (provider_id, name, display_name, first_seen_in_usage) values ($1, $2, $2, true)
                on conflict (provider_id, name) do update set name = excluded.name returning id
                """, connection) { Parameters = { new() { Value = ids.Providers[provider] }, new() { Value = model } } };
            ids.Models[(provider, model)] = (int)(await command.ExecuteScalarAsync())!;
        }
        return ids;
    }

    private static async Task<T> UpsertAsync<T>(NpgsqlConnection connection, string table, string keyColumn, string key, string otherColumns, string otherValues)
    {
        await using var command = new NpgsqlCommand($"""
            insert into {table} ({keyColumn}, {otherColumns}) values ($1, {otherValues})
            on conflict ({keyColumn}) do update set {keyColumn} = excluded.{keyColumn} returning id
            """, connection) { Parameters = { new() { Value = key } } };
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
