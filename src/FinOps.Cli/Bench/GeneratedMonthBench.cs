using System.Diagnostics;
using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// The shape the reconcile and allocate benchmarks share: a demo month of N requests generated and ingested into a
/// throwaway database (untimed), then a baseline and our computation timed three times each in turns, the best of
/// three counting, and one JSON line: <c>{"bench","requests",&lt;count&gt;,"baseline_s","ours_s","ratio","peak_rss_mb"}</c>.
/// </summary>
internal static class GeneratedMonthBench
{
    public const string Period = "2026-10";

    /// <param name="ours">Our computation; returns the count the JSON reports under <paramref name="countName"/>.</param>
    public static async Task<int> RunAsync(string bench, int requests, string baselineLabel, Func<string, CancellationToken, Task> baseline,
        string oursLabel, string countName, Func<IServiceProvider, CancellationToken, Task<int>> ours, double target, CancellationToken cancellationToken)
    {
        if (requests < 1_000) throw new InvalidOperationException("--requests must be at least 1000");
        return await BenchSupport.InThrowawayDatabaseAsync(bench, async (connectionString, services, folder) =>
        {
            BenchSupport.Log($"generating and ingesting {requests:N0} requests of {Period} (untimed)…");
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(new DemoMonthRequest(folder, 2026, 10, requests), null, cancellationToken);
            await BenchSupport.ExecuteAsync(connectionString, "vacuum analyze", cancellationToken);

            var (bestBaseline, bestOurs, count) = (TimeSpan.MaxValue, TimeSpan.MaxValue, 0);
            for (var round = 1; round <= 3; round++)
            {
                var b = await BenchSupport.TimeAsync($"round {round} {baselineLabel}", () => baseline(connectionString, cancellationToken));
                var o = await BenchSupport.TimeAsync($"round {round} {oursLabel}", async () =>
                {
                    await using var scope = services.CreateAsyncScope();
                    count = await ours(scope.ServiceProvider, cancellationToken);
                });
                bestBaseline = b < bestBaseline ? b : bestBaseline;
                bestOurs = o < bestOurs ? o : bestOurs;
            }

            var ratio = Math.Round(bestBaseline.TotalSeconds / bestOurs.TotalSeconds, 3);
            var result = new Dictionary<string, object>
            {
                ["bench"] = bench,
                ["requests"] = requests,
                [countName] = count,
                ["baseline_s"] = Math.Round(bestBaseline.TotalSeconds, 3),
                ["ours_s"] = Math.Round(bestOurs.TotalSeconds, 3),
                ["ratio"] = ratio,
                ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"ratio baseline/ours = {ratio} (target ≥ {target})");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }, cancellationToken);
    }

    /// <summary>Runs each query and reads every row it returns, as a client would.</summary>
    public static async Task ReadAllAsync(string connectionString, IEnumerable<string> queries, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in queries)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) { }
        }
    }
}
