using System.Diagnostics;
using System.Text.Json;
using FinOps.Application.Allocation;
using FinOps.Application.Demo;
using FinOps.Application.Reconciliation;
using FinOps.Cli.Hosting;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// Generates and ingests a demo month (untimed), then times, best of three, (baseline) hand-written SQL computing the
/// aggregates the computation needs from the raw tables — usage per tenant × feature × provider × model × day with
/// GPU-seconds, bill sums per provider × model × day × direction, infra sums per pool — and (ours) reconcile +
/// allocate + store the statements of the month. Ratio = baseline ÷ ours.
/// </summary>
internal static class AllocateBenchmark
{
    private static readonly string[] Baseline =
    [
        """
        select tenant_id, feature_id, provider_id, model_id, coalesce(deployment, ''), date_trunc('day', occurred_at, 'UTC'),
               sum(input_tokens - cached_input_tokens), sum(cached_input_tokens), sum(output_tokens), count(*), coalesce(sum(gpu_seconds), 0)
        from token_usage where occurred_at >= '2026-10-01 00:00:00+00' and occurred_at < '2026-11-01 00:00:00+00'
        group by 1, 2, 3, 4, 5, 6
        """,
        """
        select provider_id, model_id, charge_period_start, token_direction, sum(quantity), sum(effective_cost)
        from billing_lines where superseded_by_file_id is null and charge_period_end > '2026-10-01 00:00:00+00' and charge_period_start < '2026-11-01 00:00:00+00'
        group by 1, 2, 3, 4
        """,
        "select pool, category, sum(amount), sum(quantity) from infra_costs group by 1, 2",
    ];

    public static async Task<int> RunAsync(int requests, CancellationToken cancellationToken)
    {
        if (requests < 1_000) throw new InvalidOperationException("--requests must be at least 1000");
        var server = DatabaseConnection.FromEnvironment();
        var database = $"finops_bench_{Guid.NewGuid().ToString("N")[..8]}_alloc";
        var folder = Directory.CreateTempSubdirectory("finops-bench-alloc-").FullName;
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
            var lines = 0;
            for (var round = 1; round <= 3; round++)
            {
                var b = await BenchSupport.TimeAsync($"round {round} baseline SQL aggregates", () => BaselineAsync(connectionString, cancellationToken));
                var o = await BenchSupport.TimeAsync($"round {round} reconcile + allocate + statements", async () =>
                {
                    await using var scope = services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<RunReconciliation>().HandleAsync("2026-10", WindowKind.Day, "bench", cancellationToken);
                    lines = (await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync("2026-10", "bench", cancellationToken)).Lines;
                });
                baseline = b < baseline ? b : baseline;
                ours = o < ours ? o : ours;
            }

            var result = new
            {
                bench = "allocate",
                requests,
                statement_lines = lines,
                baseline_s = Math.Round(baseline.TotalSeconds, 3),
                ours_s = Math.Round(ours.TotalSeconds, 3),
                ratio = Math.Round(baseline.TotalSeconds / ours.TotalSeconds, 3),
                peak_rss_mb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"ratio baseline/ours = {result.ratio} (target ≥ 0.5)");
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
        foreach (var sql in Baseline)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) { }
        }
    }
}
