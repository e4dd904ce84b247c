using System.Diagnostics;
using System.Text.Json;
using FinOps.Application.Access;
using FinOps.Application.Dashboards;
using FinOps.Application.Demo;
using FinOps.Application.Explorer;
using FinOps.Cli.Hosting;
using FinOps.Domain.Access;
using FinOps.Domain.Periods;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// What the pages cost the server: September (a tenth of the size) and October generated and ingested (untimed); the
/// series of both computed once (as the first reader after ingest would); then each page's question answered 20 times —
/// the finance overview, a team lead's overview (a different lead's tenant each time), and the explorer grouped by
/// tenant × feature over 30 days (a different window and filter each time) — against hand-written SQL answering the same
/// questions from raw <c>token_usage</c> joined to the price card in force. p95 per page; ratio = baseline ÷ ours (medians).
/// </summary>
internal static class PagesBenchmark
{
    private const int Requests = 20;
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);

    private const string ListCost = """
        ((u.input_tokens - u.cached_input_tokens) * c.input_per_m_tok + u.cached_input_tokens * c.cached_input_per_m_tok + u.output_tokens * c.output_per_m_tok) / 1000000
        """;

    private static string Priced(string where, string groupBy) => $"""
        select {groupBy}, sum({ListCost})
        from token_usage u
        join lateral (select * from price_cards c where c.model_id = u.model_id and c.effective_from <= u.occurred_at order by c.effective_from desc limit 1) c on true
        where {where}
        group by {groupBy}
        """;

    internal sealed class SwitchableScope : ICurrentScope
    {
        public AccessScope Value { get; set; } = AccessScope.Unrestricted;
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Value);
    }

    public static async Task<int> RunAsync(int requests, CancellationToken cancellationToken)
    {
        if (requests < 1_000) throw new CliUsageException("--requests: at least 1000");
        var scope = new SwitchableScope();
        return await BenchSupport.InThrowawayDatabaseAsync("pages", async (connectionString, services, folder) =>
        {
            foreach (var (number, count) in new[] { (9, Math.Max(1_000, requests / 10)), (10, requests) })
            {
                BenchSupport.Log($"generating and ingesting {count:N0} requests of 2026-{number:D2} (untimed)…");
                await using var load = services.CreateAsyncScope();
                await load.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(new DemoMonthRequest(Path.Combine(folder, $"{number}"), 2026, number, count), null, cancellationToken);
            }
            await BenchSupport.ExecuteAsync(connectionString, "vacuum analyze", cancellationToken);
            await using (var first = services.CreateAsyncScope())
                await first.ServiceProvider.GetRequiredService<GetSpendOverview>().HandleAsync(October, cancellationToken);
            var tenants = await TenantsAsync(connectionString, cancellationToken);

            var (overview, lead, explore) = await TimeOursAsync(services, scope, tenants, cancellationToken);
            var afterRefresh = await TimeOverviewAfterRefreshAsync(connectionString, services, scope, cancellationToken);

            BenchSupport.Log("timing the same questions in hand-written SQL over raw token_usage…");
            var month = "u.occurred_at >= '2026-10-01 00:00:00+00' and u.occurred_at < '2026-11-01 00:00:00+00'";
            var baselineOverview = await TimeEachAsync(_ => GeneratedMonthBench.ReadAllAsync(connectionString,
                [Priced(month, "u.tenant_id"), Priced(month, "date_trunc('day', u.occurred_at, 'UTC'), u.provider_id"), Priced(month, "u.feature_id"), Priced(month, "u.model_id")],
                cancellationToken));
            var baselineLead = await TimeEachAsync(i => GeneratedMonthBench.ReadAllAsync(connectionString,
                [Priced($"{month} and u.tenant_id = {tenants[i % tenants.Count].Id}", "date_trunc('day', u.occurred_at, 'UTC'), u.feature_id")], cancellationToken));
            var baselineExplore = await TimeEachAsync(i => GeneratedMonthBench.ReadAllAsync(connectionString,
                [Priced($"u.occurred_at >= '2026-09-{2 + i % 10:D2} 00:00:00+00' and u.occurred_at < '2026-10-{2 + i % 10:D2} 00:00:00+00'", "u.tenant_id, u.feature_id")],
                cancellationToken));

            static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);
            var ratio = Math.Round((Median(baselineOverview) + Median(baselineLead) + Median(baselineExplore)) / (Median(overview) + Median(lead) + Median(explore)), 2);
            var result = new Dictionary<string, object>
            {
                ["bench"] = "pages",
                ["requests"] = requests,
                ["overview_p95_ms"] = P95(overview),
                ["lead_p95_ms"] = P95(lead),
                ["explore_p95_ms"] = P95(explore),
                ["overview_after_refresh_p95_ms"] = P95(afterRefresh),
                ["baseline_overview_p95_ms"] = P95(baselineOverview),
                ["baseline_lead_p95_ms"] = P95(baselineLead),
                ["baseline_explore_p95_ms"] = P95(baselineExplore),
                ["ratio"] = ratio,
                ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"p95: overview {result["overview_p95_ms"]} ms ({result["overview_after_refresh_p95_ms"]} ms as the first reader after a refresh), lead {result["lead_p95_ms"]} ms, explorer {result["explore_p95_ms"]} ms (target < 300); ratio {ratio} (target ≥ 5)");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }, cancellationToken, services => services.AddSingleton<ICurrentScope>(scope));
    }

    /// <summary>Each page's question answered <see cref="Requests"/> times with cold connection pools: milliseconds per answer.</summary>
    private static async Task<List<double>> TimeEachAsync(Func<int, Task> request)
    {
        var times = new List<double>();
        for (var i = 0; i < Requests; i++)
        {
            NpgsqlConnection.ClearAllPools();
            var clock = Stopwatch.StartNew();
            await request(i);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>
    /// Our three pages' server time over October: the finance overview, a team lead's overview (a different lead's
    /// tenant each time) and the explorer grouped by tenant × feature over 30 days (a different window and filter each time).
    /// </summary>
    internal static async Task<(List<double> Overview, List<double> Lead, List<double> Explore)> TimeOursAsync(IServiceProvider services,
        SwitchableScope scope, IReadOnlyList<(long Id, string Slug)> tenants, CancellationToken cancellationToken)
    {
        async Task AsAsync(AccessScope who, Func<IServiceProvider, Task> work)
        {
            scope.Value = who;
            await using var request = services.CreateAsyncScope();
            await work(request.ServiceProvider);
        }

        BenchSupport.Log("timing the finance overview…");
        var overview = await TimeEachAsync(_ => AsAsync(AccessScope.Unrestricted, s => s.GetRequiredService<GetSpendOverview>().HandleAsync(October, cancellationToken)));
        BenchSupport.Log("timing a team lead's overview (a different tenant each time)…");
        var lead = await TimeEachAsync(i => AsAsync(AccessScope.OfTenants([tenants[i % tenants.Count].Id]),
            s => s.GetRequiredService<GetSpendOverview>().HandleAsync(October, cancellationToken)));
        BenchSupport.Log("timing the explorer, tenant × feature over 30 days (a different window each time)…");
        var explore = await TimeEachAsync(i => AsAsync(AccessScope.Unrestricted, s => s.GetRequiredService<ExploreCosts>().HandleAsync(
            new ExploreQuery(new DateOnly(2026, 9, 2 + i % 10), new DateOnly(2026, 10, 1 + i % 10), CostDimension.Tenant, CostDimension.Feature, TimeGrain.Day,
                i % 2 == 0 ? new Dictionary<CostDimension, string>() : new Dictionary<CostDimension, string> { [CostDimension.Provider] = "openai" }), cancellationToken)));
        return (overview, lead, explore);
    }

    /// <summary>
    /// The finance overview as the first reader after a refresh sees it: every period's series state row is rewritten
    /// first (what a refresh does), so the points held in memory are read from the database again.
    /// </summary>
    internal static async Task<List<double>> TimeOverviewAfterRefreshAsync(string connectionString, IServiceProvider services, SwitchableScope scope,
        CancellationToken cancellationToken)
    {
        BenchSupport.Log("timing the finance overview as the first reader after a refresh…");
        scope.Value = AccessScope.Unrestricted;
        var times = new List<double>();
        for (var i = 0; i < Requests / 2; i++)
        {
            await BenchSupport.ExecuteAsync(connectionString, "update cost_series_state set version = version", cancellationToken);
            NpgsqlConnection.ClearAllPools();
            var clock = Stopwatch.StartNew();
            await using (var request = services.CreateAsyncScope())
                await request.ServiceProvider.GetRequiredService<GetSpendOverview>().HandleAsync(October, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    internal static double P95(List<double> times) => Math.Round(times.Order().ElementAt((int)Math.Ceiling(times.Count * 0.95) - 1), 1);

    internal static async Task<List<(long Id, string Slug)>> TenantsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select id, slug from tenants order by slug", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<(long, string)>();
        while (await reader.ReadAsync(cancellationToken)) tenants.Add((reader.GetInt64(0), reader.GetString(1)));
        return tenants;
    }
}
