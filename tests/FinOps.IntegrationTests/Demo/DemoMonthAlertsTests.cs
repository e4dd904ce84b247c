using FinOps.Application.Alerts;
using FinOps.Domain.Periods;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Demo;

/// <summary>
/// The generated month's injected behaviour comes out as alerts: the runaway agent night as a cost anomaly of its
/// tenant × feature naming the model behind it, the prompt creep as token inflation. Every other anomaly or inflation
/// the rules raise on that month is listed here with the reason it is right.
/// </summary>
public sealed class DemoMonthAlertsTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabases.CreateWithDemoMonthAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_runaway_night_is_an_anomaly_and_the_prompt_creep_is_token_inflation_and_nothing_else_is_raised_without_a_reason()
    {
        await using (var services = TestDatabases.ServicesFor(_database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EvaluateAlerts>().HandleAsync(ChargePeriod.Of(2026, 10), null, null, CancellationToken.None);

        var anomalies = (await _database.RowsAsync("""
            select tenant || '/' || feature || ' ' || crossed_on::text from alerts where kind = 'cost_anomaly' order by 1
            """)).Select(r => (string)r[0]).ToList();
        Assert.Equal([
            "cyberdyne/agent-planner 2026-10-17", // the runaway agent loop (manifest: runaway-agent, 02:00–10:00 that day)
            // The self-hosted vLLM pool is split over GPU-seconds to date, so its daily cost for a feature is the change of
            // its share of the whole month so far: a day on which a feature's share jumps also takes over part of the days
            // before. These three are such days: on each, that feature's share of the pool's GPU-seconds rose (search-rerank on the
            // 29th: 4 of 33 GPU-seconds against about 3 of 41 on other days).
            "cyberdyne/log-analyzer 2026-10-20",
            "hooli/search-rerank 2026-10-29",
            "stark-industries/sensor-report 2026-10-15",
        ], anomalies);
        var runaway = await _database.ScalarAsync<string>("select body from alerts where kind = 'cost_anomaly' and feature = 'agent-planner'");
        Assert.Contains("anthropic/claude-sonnet-4", runaway); // the contributor: the model the loop called
        Assert.Contains("tokens per request", runaway);
        Assert.True(await _database.ScalarAsync<decimal>("select score from alerts where kind = 'cost_anomaly' and feature = 'agent-planner'") > 100m);

        var inflation = (await _database.RowsAsync("""
            select tenant || '/' || feature || ' ' || crossed_on::text || ' ' || status from alerts where kind = 'token_inflation' order by 1
            """)).Select(r => (string)r[0]).ToList();
        Assert.Equal([
            // The prompt creep from the 10th (manifest: prompt-creep), in every tenant with 50+ summaries a week; resolved
            // once both weeks compared are past the creep (the ratio falls back under 1.5).
            "acme-retail/doc-summarizer 2026-10-14 Resolved",
            // The loop re-sent a 2.5× context all night: that week's tokens per request really were 1.5× the week before.
            "cyberdyne/agent-planner 2026-10-17 Resolved",
            "hooli/doc-summarizer 2026-10-15 Resolved",
            "umbrella-health/doc-summarizer 2026-10-15 Resolved",
        ], inflation);
        Assert.Equal(1.5m, await _database.ScalarAsync<decimal>("select distinct reference from alerts where kind = 'token_inflation'"));
    }
}
