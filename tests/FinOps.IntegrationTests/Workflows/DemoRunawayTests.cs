using FinOps.Testing;
using FinOps.IntegrationTests.Ingest;

namespace FinOps.IntegrationTests.Workflows;

/// <summary>
/// The demo month as loaded (shared template): its agent's runs are traces of 3–12 calls, and its loop night's runs
/// of hundreds raise runaway_trace — exactly those, once each, on the day of the loop.
/// </summary>
public sealed class DemoRunawayTests : IngestTestBase
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateWithDemoMonthAsync();

    [Fact]
    public async Task The_loop_nights_traces_and_only_they_raise_runaway_trace()
    {
        var loops = (await Database.RowsAsync("select distinct trace_id from token_usage where trace_id like 'run-%-loop-%' order by 1")).Select(r => (string)r[0]).ToList();
        var alerted = (await Database.RowsAsync("select key, crossed_on, tenant, feature from alerts where kind = 'runaway_trace' order by key")).ToList();
        var normal = (await Database.RowsAsync("""
            select min(n), max(n), count(*) from (select count(*) as n from token_usage where trace_id like 'run-%' and trace_id not like '%-loop-%' group by trace_id) runs
            """)).Single();

        Assert.NotEmpty(loops);
        Assert.Equal(loops.Select(t => $"runaway_trace:cyberdyne:{t}"), alerted.Select(a => (string)a[0]));
        Assert.All(alerted, a => Assert.Equal((new DateOnly(2026, 10, 17), "cyberdyne", "agent-planner"), ((DateOnly)a[1], (string)a[2], (string)a[3])));
        Assert.True((long)normal[2] > 50, $"only {normal[2]} normal agent runs");
        Assert.True((long)normal[0] >= 1 && (long)normal[1] <= 12, $"normal runs of {normal[0]}–{normal[1]} calls");
        Assert.True(await Database.ScalarAsync<long>("select min(n) from (select count(*) as n from token_usage where trace_id like '%-loop-%' group by trace_id) x") > 200);
    }
}
