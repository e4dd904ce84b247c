using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Application.Ingest;
using FinOps.Infrastructure.Demo;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.IntegrationTests.Demo;

/// <summary>A small generated month goes in whole, and what the pipeline stored bears out the manifest.</summary>
public sealed class DemoMonthIngestTests : IngestTestBase
{
    [Fact]
    public async Task A_generated_month_ingests_without_a_bad_row_and_twice_changes_nothing()
    {
        var first = await LoadAsync();
        var second = await LoadAsync();

        Assert.All(first.Outcomes, o => Assert.Equal((IngestResult.Stored, 0L), (o.Result, o.Quarantined)));
        Assert.All(second.Outcomes, o => Assert.Equal(IngestResult.AlreadyIngested, o.Result));
        Assert.Equal(first.Month.LoggedRequests, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(12L, await Database.ScalarAsync<long>("select count(distinct tenant_id) from token_usage"));
        Assert.Equal(first.Month.Files.Sum(f => f.Rows) - first.Month.Files.Where(f => f.Format is "usage-csv" or "otel" or "litellm" or "infra-csv").Sum(f => f.Rows),
            await Database.ScalarAsync<long>("select count(*) from billing_lines"));
    }

    [Fact]
    public async Task The_stored_logs_and_bills_disagree_exactly_in_the_windows_the_manifest_names()
    {
        var loaded = await LoadAsync();
        using var manifest = JsonDocument.Parse(File.ReadAllText(loaded.Month.ManifestPath));
        var prices = manifest.RootElement.GetProperty("price_cards").EnumerateArray().ToDictionary(
            p => (p.GetProperty("provider").GetString()!, p.GetProperty("model").GetString()!),
            p => (In: p.GetProperty("input_per_1m").GetDecimal(), Cached: p.GetProperty("cached_input_per_1m").GetDecimal(), Out: p.GetProperty("output_per_1m").GetDecimal()));
        var expected = manifest.RootElement.GetProperty("expected_windows").EnumerateArray()
            .Where(w => w.GetProperty("offset_hours").GetInt32() == 0)
            .Select(w => $"{w.GetProperty("provider").GetString()}|{w.GetProperty("model").GetString()}|{w.GetProperty("window_start").GetString()}|{w.GetProperty("status").GetString()}")
            .Order().ToList();

        var logged = await TotalsAsync("""
            select p.slug, m.name, date_trunc('day', u.occurred_at, 'UTC'), sum(u.input_tokens - u.cached_input_tokens), sum(u.cached_input_tokens), sum(u.output_tokens), 0::numeric
            from token_usage u join providers p on p.id = u.provider_id join models m on m.id = u.model_id
            where u.deployment is null group by 1, 2, 3
            """);
        foreach (var ((provider, model, _), totals) in logged)
        {
            var price = prices[(provider, model)];
            totals.InputCost = totals.Input * price.In / 1_000_000m;
            totals.CachedInputCost = totals.CachedInput * price.Cached / 1_000_000m;
            totals.OutputCost = totals.Output * price.Out / 1_000_000m;
        }
        var billed = await TotalsAsync("""
            select p.slug, coalesce(m.name, '(unmapped)'), l.charge_period_start,
                   coalesce(sum(l.quantity) filter (where l.token_direction = 'Input'), 0)::bigint,
                   coalesce(sum(l.quantity) filter (where l.token_direction = 'CachedInput'), 0)::bigint,
                   coalesce(sum(l.quantity) filter (where l.token_direction = 'Output'), 0)::bigint, sum(l.billed_cost)
            from billing_lines l join providers p on p.id = l.provider_id left join models m on m.id = l.model_id
            where l.charge_category = 'Usage' and p.slug <> 'aws'
              -- token meters only: reserved capacity (the PTU's hours) has no tokens to compare, and its usage is not logged as vendor usage
              and (l.model_id is not null or l.token_direction <> 'None')
            group by 1, 2, 3
            """);

        var actual = logged.Keys.Union(billed.Keys)
            .Select(k => (Key: k, Status: DemoReconciliationRule.StatusOf(logged.GetValueOrDefault(k), billed.GetValueOrDefault(k))))
            .Where(x => x.Status != "matched")
            .Select(x => $"{x.Key.Provider}|{x.Key.Model}|{x.Key.Day:yyyy-MM-ddTHH:mm:ssZ}|{x.Status}")
            .Order().ToList();
        Assert.Equal(expected, actual);
    }

    private async Task<DemoMonthLoad> LoadAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(
            new DemoMonthRequest(Path.Combine(Folder, "month"), 2026, 10, 20_000, 42), null, CancellationToken.None);
    }

    private async Task<Dictionary<(string Provider, string Model, DateTime Day), DayTotals>> TotalsAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var totals = new Dictionary<(string, string, DateTime), DayTotals>();
        while (await reader.ReadAsync())
            totals[(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2))] = new DayTotals
            {
                Input = reader.GetInt64(3), CachedInput = reader.GetInt64(4), Output = reader.GetInt64(5), InputCost = reader.GetDecimal(6),
            };
        return totals;
    }
}
