using System.Diagnostics;
using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Application.Reconciliation;
using FinOps.Cli.Hosting;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// Generates and ingests a demo month of N requests in a throwaway database (untimed), then times, three times
/// each, (baseline) hand-written SQL computing the per provider × model × day sums from the raw token_usage table
/// and (ours) the whole reconciliation of the month — bills, the rollup, prices, statuses, causes, stored. The best
/// of three counts for each. Ratio = baseline time ÷ our time.
/// </summary>
internal static class ReconcileBenchmark
{
    private const string Baseline = """
        select p.slug, m.name, date_trunc('day', u.occurred_at, 'UTC') as day,
               sum(u.input_tokens - u.cached_input_tokens), sum(u.cached_input_tokens), sum(u.output_tokens), count(*)
        from token_usage u join providers p on p.id = u.provider_id join models m on m.id = u.model_id
        where u.occurred_at >= '2026-10-01 00:00:00+00' and u.occurred_at < '2026-11-01 00:00:00+00' and u.deployment is null
        group by 1, 2, 3
        """;

    public static async Task<int> RunAsync(int requests, CancellationToken cancellationToken)
    {
        if (requests < 1_000) throw new InvalidOperationException("--requests must be at least 1000");
        var server = DatabaseConnection.FromEnvironment();
        var database = $"finops_bench_{Guid.NewGuid().ToString("N")[..8]}_recon";
        var folder = Directory.CreateTempSubdirectory("finops-bench-recon-").FullName;
        try
        {
            await BenchSupport.ExecuteAsync(server, $"create database \"{database}\"", cancellationToken);
            var connectionString = BenchSupport.With(server, database);
            await using var services = await BenchSupport.PrepareDatabaseAsync(connectionString, cancellationToken);
            BenchSupport.Log($"generating and ingesting {requests:N0} requests of 2026-10 (untimed)…");
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(new DemoMonthRequest(folder, 2026, 10, requests), null, cancellationToken);
            await BenchSupport.ExecuteAsync(connectionString, "vacuum analyze", cancellationToken);

            var baseline = TimeSpan.MaxValue;
            var ours = TimeSpan.MaxValue;
            var windows = 0;
            for (var round = 1; round <= 3; round++)
            {
                var b = await BenchSupport.TimeAsync($"round {round} baseline SQL over token_usage", () => BaselineAsync(connectionString, cancellationToken));
                var o = await BenchSupport.TimeAsync($"round {round} finops reconcile", async () =>
                {
                    await using var scope = services.CreateAsyncScope();
                    windows = (await scope.ServiceProvider.GetRequiredService<RunReconciliation>().HandleAsync("2026-10", WindowKind.Day, "bench", cancellationToken)).Windows;
                });
                baseline = b < baseline ? b : baseline;
                ours = o < ours ? o : ours;
            }

            var result = new
            {
                bench = "reconcile",
                requests,
                windows,
                baseline_s = Math.Round(baseline.TotalSeconds, 3),
                ours_s = Math.Round(ours.TotalSeconds, 3),
                ratio = Math.Round(baseline.TotalSeconds / ours.TotalSeconds, 3),
                peak_rss_mb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"ratio baseline/ours = {result.ratio} (target ≥ 0.67)");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchSupport.ExecuteAsync(server, $"drop database if exists \"{database}\" with (force)", CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task BaselineAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Baseline, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) { }
    }
}
