using System.Text.Json;
using FinOps.Domain.Ingest;
using FinOps.Domain.Usage;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The tag values of a direct load's requests counted per tenant and hour (usage_tag_hourly), chunk by chunk on the
/// loading connection; merged whenever it holds <see cref="MergeAt"/> entries and at the end (merges add up, and
/// roll back with the load). Each value counts as <c>jsonb_each_text</c> gives it, as the staged merge counts.
/// </summary>
internal sealed class TagRollup
{
    public const int MergeAt = 50_000;

    private readonly Dictionary<(long TenantId, DateTimeOffset Hour, string Value), long> _requests = [];

    public int Count => _requests.Count;

    public void Add(UsageRecord record, in UsageIds ids)
    {
        if (record.Tags is not { } tags) return;
        var utc = record.OccurredAt.UtcTicks;
        var hour = new DateTimeOffset(utc - utc % TimeSpan.TicksPerHour, TimeSpan.Zero);
        using var json = JsonDocument.Parse(tags);
        if (json.RootElement.ValueKind != JsonValueKind.Object) return;
        foreach (var tag in json.RootElement.EnumerateObject())
        {
            var value = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
            if (tag.Value.ValueKind == JsonValueKind.Null || value.Length > UsageTagHourly.MaxValueLength) continue;
            var key = (ids.TenantId, hour, value);
            _requests[key] = _requests.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>One COPY into a temporary table and one upsert in key order; the counts start again empty.</summary>
    public async Task MergeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_requests.Count == 0) return;
        await using (var create = new NpgsqlCommand("""
            create temp table if not exists stage_tags (tenant_id bigint, hour timestamptz, value text, requests bigint) on commit drop;
            truncate stage_tags;
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync("copy stage_tags from stdin (format binary)", cancellationToken))
        {
            foreach (var ((tenantId, hour, value), requests) in _requests)
            {
                await copy.StartRowAsync(cancellationToken);
                copy.Write(tenantId, NpgsqlDbType.Bigint);
                copy.Write(hour, NpgsqlDbType.TimestampTz);
                copy.Write(value, NpgsqlDbType.Text);
                copy.Write(requests, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await using var merge = new NpgsqlCommand($"""
            insert into usage_tag_hourly as g (tenant_id, hour, value, requests)
            select * from stage_tags order by 1, 2, 3
            {UsageSettleSql.OnTagConflict}
            """, connection);
        await merge.ExecuteNonQueryAsync(cancellationToken);
        _requests.Clear();
    }
}
