using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Domain.Periods;
using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Costs;

/// <summary>
/// The series held in memory between refreshes, on a generated month in real PostgreSQL: read once per refresh, read
/// again after anything writes the period's state, never older than the database, and bounded.
/// </summary>
public sealed class CostSeriesCacheTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateWithDemoMonthAsync();

    private async Task<Dictionary<string, decimal>> CostsToDateAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var answer = await scope.ServiceProvider.GetRequiredService<GetCostSeries>().HandleAsync(October, CostBreakdown.Tenant, null, CancellationToken.None);
        return answer.ToDate().ToDictionary(t => t.Tenant, t => t.CostToDate);
    }

    private async Task<Dictionary<string, decimal>> StoredCostsAsync()
    {
        var stored = new Dictionary<string, decimal>();
        foreach (var row in await Database.RowsAsync("select tenant, sum(cost)::text from cost_series where period = '2026-10' group by tenant"))
            stored[(string)row[0]!] = decimal.Parse((string)row[1]!, System.Globalization.CultureInfo.InvariantCulture);
        return stored;
    }

    [Fact]
    public async Task A_period_is_read_from_the_database_once_per_refresh_and_again_after_new_usage()
    {
        var cache = Services.GetRequiredService<CostSeriesCache>();
        var first = await CostsToDateAsync();
        Assert.Equal(await StoredCostsAsync(), first);
        var (hits, misses) = (cache.Hits, cache.Misses);

        Assert.Equal(first, await CostsToDateAsync());
        Assert.Equal((hits + 1, misses), (cache.Hits, cache.Misses));

        // A late request: the refresh writes the period again, so the next read goes to the database and sees it.
        await IngestAsync(WriteFile("late.csv", UsageHeader + "\nlate-1,2026-10-20T08:00:00Z,acme-retail,support-chat,openai,gpt-4o,900000,30000,0\n"));
        var after = await CostsToDateAsync();
        Assert.Equal(misses + 1, cache.Misses);
        Assert.Equal(await StoredCostsAsync(), after);
        // Its share of the bill grew (the others' shrank with it): what the memory held before is not what is served.
        Assert.True(after["acme-retail"] > first["acme-retail"]);
    }

    [Fact]
    public async Task Any_write_of_the_periods_state_row_is_seen_even_when_every_value_on_it_stays_the_same()
    {
        var before = await CostsToDateAsync();
        // Points changed and the state row rewritten with its own values (same version, same refresh time, same day):
        // only the transaction that wrote it differs, and that is enough for the next reader to read the points again.
        await Database.ExecuteAsync("""
            update cost_series set cost = cost + 1 where period = '2026-10' and day = '2026-10-05' and tenant = 'globex-bank'
              and line_key = (select min(line_key) from cost_series where period = '2026-10' and day = '2026-10-05' and tenant = 'globex-bank');
            update cost_series_state set version = version where period = '2026-10';
            """);
        var after = await CostsToDateAsync();
        Assert.Equal(before["globex-bank"] + 1m, after["globex-bank"]);
        Assert.Equal(await StoredCostsAsync(), after);
    }

    [Fact]
    public async Task A_period_larger_than_the_bound_is_read_every_time_and_still_whole()
    {
        await CostsToDateAsync();
        var small = new CostSeriesCache(maxPoints: 10);
        var factory = Services.GetRequiredService<IFinOpsReadDbContextFactory>();
        var stored = await Database.ScalarAsync<long>("select count(*) from cost_series where period = '2026-10'");
        Assert.True(stored > 10);
        for (var i = 0; i < 2; i++)
        {
            await using var db = await factory.CreateAsync(CancellationToken.None);
            Assert.Equal(stored, (await small.PointsAsync(db, "2026-10", CancellationToken.None)).Count);
        }
        Assert.Equal((0L, 2L), (small.Hits, small.Misses));

        // Room for the month: the second read is answered from memory; a period never computed is empty and not kept.
        var roomy = new CostSeriesCache(maxPoints: (int)stored);
        for (var i = 0; i < 2; i++)
        {
            await using var db = await factory.CreateAsync(CancellationToken.None);
            var read = await roomy.PointsAsync(db, ["2026-10", "2031-01"], CancellationToken.None);
            Assert.Equal((stored, 0), ((long)read["2026-10"].Count, read["2031-01"].Count));
        }
        Assert.Equal((1L, 3L), (roomy.Hits, roomy.Misses));
    }
}
