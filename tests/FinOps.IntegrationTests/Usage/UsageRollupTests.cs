using FinOps.Testing;
using Npgsql;

namespace FinOps.IntegrationTests.Usage;

/// <summary>usage_hourly equals the raw rows summed by key and hour, whatever the load looked like.</summary>
public class UsageRollupTests
{
    private static readonly UsageRow[] TwoMonths =
    [
        new("acme", "chat", "openai", "gpt-4o", At("2026-10-31T22:10:00Z"), "a1", 1000, 200, Cached: 400),
        new("acme", "chat", "openai", "gpt-4o", At("2026-10-31T22:50:00Z"), "a2", 3000, 100),
        new("acme", "chat", "openai", "gpt-4o", At("2026-10-31T23:59:59Z"), "a3", 10, 1),
        new("acme", "chat", "openai", "gpt-4o", At("2026-11-01T00:00:00Z"), "a4", 20, 2),
        new("acme", "search", "anthropic", "claude-sonnet-4", At("2026-11-01T00:30:00Z"), "a5", 500, 50, Cached: 100),
        new("globex", "chat", "openai", "gpt-4o", At("2026-10-31T22:15:00Z"), "g1", 7, 3),
        new("globex", "chat", "self-hosted", "llama-3-70b", At("2026-11-02T09:00:00Z"), "g2", 800, 80, Deployment: "gpu-cluster-a", GpuSeconds: 1.25m),
        new("globex", "chat", "self-hosted", "llama-3-70b", At("2026-11-02T09:59:00Z"), "g3", 200, 20, Deployment: "gpu-cluster-a", GpuSeconds: 0.5m),
        new("globex", "chat", "openai", "gpt-4o", At("2026-11-02T09:30:00Z"), "g4", 60, 6, ServiceTier: "batch"),
    ];

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text);

    [Fact]
    public async Task Inserts_into_two_months_roll_up_by_hour_exactly()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        await UsageRows.CopyAsync(database, TwoMonths[..4]);
        await UsageRows.CopyAsync(database, TwoMonths[4..]);

        Assert.Equal(ExpectedRollup(TwoMonths), await ReadRollupAsync(database));
    }

    [Fact]
    public async Task Loads_that_hit_the_same_hour_add_up_instead_of_overwriting()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();

        foreach (var row in TwoMonths) await UsageRows.CopyAsync(database, [row]);

        var rollup = await ReadRollupAsync(database);
        Assert.Equal(ExpectedRollup(TwoMonths), rollup);
        Assert.Contains(rollup, r => r is { Tenant: "acme", Hour: "2026-10-31T22:00:00Z", Requests: 2, Input: 4000, Cached: 400, Output: 300 });
    }

    [Fact]
    public async Task Deleting_requests_takes_them_out_of_the_rollup()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await UsageRows.CopyAsync(database, TwoMonths);

        await using (var connection = await database.OpenAsync())
        await using (var delete = new NpgsqlCommand("delete from token_usage where request_id in ('a2', 'g2', 'g3')", connection))
            await delete.ExecuteNonQueryAsync();

        var remaining = TwoMonths.Where(r => r.RequestId is not ("a2" or "g2" or "g3")).ToArray();
        Assert.Equal(ExpectedRollup(remaining), await ReadRollupAsync(database));
    }

    [Fact]
    public async Task Daily_usage_follows_the_reporting_time_zone()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await UsageRows.CopyAsync(database, TwoMonths);

        var utcDays = await DailyRequestsAsync(database, "acme");
        await using (var connection = await database.OpenAsync())
        await using (var zone = new NpgsqlCommand("update organisation_settings set reporting_time_zone = 'Europe/Berlin'", connection))
            await zone.ExecuteNonQueryAsync();
        var berlinDays = await DailyRequestsAsync(database, "acme");

        // 22:10Z..23:59Z on 31 Oct is 23:10..00:59 CET: the last two acme requests of October move to 1 November.
        Assert.Equal(new Dictionary<string, long> { ["2026-10-31"] = 3, ["2026-11-01"] = 2 }, utcDays);
        Assert.Equal(new Dictionary<string, long> { ["2026-10-31"] = 2, ["2026-11-01"] = 3 }, berlinDays);
    }

    private sealed record RollupRow(string Tenant, string Feature, string Model, string Deployment, string Tier, string Hour,
        long Requests, long Input, long Cached, long Output, decimal GpuSeconds);

    private static List<RollupRow> ExpectedRollup(IEnumerable<UsageRow> rows) => rows
        .GroupBy(r => (r.Tenant, r.Feature, r.Model, Deployment: r.Deployment ?? "", Tier: r.ServiceTier ?? "",
            Hour: new DateTimeOffset(r.OccurredAt.UtcDateTime.Year, r.OccurredAt.UtcDateTime.Month, r.OccurredAt.UtcDateTime.Day,
                r.OccurredAt.UtcDateTime.Hour, 0, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssZ")))
        .Select(g => new RollupRow(g.Key.Tenant, g.Key.Feature, g.Key.Model, g.Key.Deployment, g.Key.Tier, g.Key.Hour,
            g.Count(), g.Sum(r => r.Input), g.Sum(r => r.Cached), g.Sum(r => r.Output), g.Sum(r => r.GpuSeconds ?? 0m)))
        .OrderBy(r => r.Tenant).ThenBy(r => r.Feature).ThenBy(r => r.Model).ThenBy(r => r.Deployment).ThenBy(r => r.Tier).ThenBy(r => r.Hour)
        .ToList();

    private static async Task<List<RollupRow>> ReadRollupAsync(TestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select t.slug, f.slug, m.name, h.deployment, h.service_tier, to_char(h.hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   h.requests, h.input_tokens, h.cached_input_tokens, h.output_tokens, h.gpu_seconds
            from usage_hourly h
            join tenants t on t.id = h.tenant_id join features f on f.id = h.feature_id join models m on m.id = h.model_id
            order by 1, 2, 3, 4, 5, 6
            """, connection);
        var rows = new List<RollupRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new RollupRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetDecimal(10)));
        return rows;
    }

    private static async Task<Dictionary<string, long>> DailyRequestsAsync(TestDatabase database, string tenant)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select to_char(d.day, 'YYYY-MM-DD'), sum(d.requests)::bigint from usage_daily d join tenants t on t.id = d.tenant_id
            where t.slug = $1 group by d.day order by d.day
            """, connection) { Parameters = { new() { Value = tenant } } };
        var days = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) days[reader.GetString(0)] = reader.GetInt64(1);
        return days;
    }
}
