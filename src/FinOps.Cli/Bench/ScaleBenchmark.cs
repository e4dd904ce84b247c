using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Costs;
using FinOps.Application.Ingest;
using FinOps.Application.Reconciliation;
using FinOps.Cli.Hosting;
using FinOps.Domain.Periods;
using FinOps.Domain.Reconciliation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// A month at scale on one node: October's requests generated and ingested in daily files (days 1–30), its OpenAI
/// bill, then timed: reconcile + allocate + statements, the insights refresh (the month's cost series), one more daily
/// file (the 31st) and the incremental refresh after it, and the p95 of the overview, a lead's dashboard and an
/// explorer query. Baseline for the ratio: <c>psql \copy</c> of the last daily file into a table shaped like ours.
/// Not in CI; it says its disk need first and refuses when the disk cannot hold it.
/// </summary>
internal static class ScaleBenchmark
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);

    /// <summary>Measured (README): raw requests and their keys take ≈ 360 bytes each; the rest is rollup, series and WAL headroom.</summary>
    private const long DatabaseBytesPerRequest = 400;
    private const long CsvBytesPerRequest = 100;

    private static readonly string[] Tenants = Enumerable.Range(1, 24).Select(i => $"tenant-{i:D2}").ToArray();
    private static readonly string[] Features = ["support-chat", "doc-summarizer", "code-review", "search-rerank", "invoice-extraction", "agent-planner", "email-drafts", "sql-copilot"];
    private static readonly (string Model, string Snapshot, decimal Input, decimal Cached, decimal Output)[] Models =
        [("gpt-4o", "gpt-4o-2024-08-06", 2.50m, 1.25m, 10.00m), ("gpt-4o-mini", "gpt-4o-mini-2024-07-18", 0.15m, 0.075m, 0.60m)];

    public static async Task<int> RunAsync(long requests, bool skipDiskCheck, CancellationToken cancellationToken)
    {
        if (requests < 31_000) throw new CliUsageException("--requests: at least 31000 (a thousand a day)");
        var needed = requests * DatabaseBytesPerRequest + requests / 31 * CsvBytesPerRequest;
        BenchSupport.Log($"{requests:N0} requests need about {Gigabytes(needed)} of disk (≈ {DatabaseBytesPerRequest} bytes per request in the database, one daily CSV at a time)");
        if (!skipDiskCheck) await CheckDiskAsync(needed, cancellationToken);

        var scope = new PagesBenchmark.SwitchableScope();
        return await BenchSupport.InThrowawayDatabaseAsync("scale", async (connectionString, services, folder) =>
        {
            await BenchSupport.ExecuteAsync(connectionString, "select ensure_token_usage_partition('2026-10-01')", cancellationToken);
            var perDay = requests / 31;
            var bill = new Dictionary<(int Day, int Model), (long Input, long Cached, long Output)>();
            var ingest = TimeSpan.Zero;
            for (var day = 1; day <= 30; day++)
            {
                var file = await WriteDayAsync(folder, day, perDay, bill, cancellationToken);
                ingest += await IngestAsync(services, file, $"day {day} of 30: {perDay:N0} requests", cancellationToken);
                File.Delete(file);
            }
            var ingestRowsPerSecond = Math.Round(perDay * 30 / ingest.TotalSeconds);
            BenchSupport.Log($"ingested {perDay * 30:N0} requests in {ingest.TotalSeconds:N1} s: {ingestRowsPerSecond:N0} rows/s");
            await IngestAsync(services, await WriteBillAsync(folder, bill, cancellationToken), "October's OpenAI bill", cancellationToken);
            await BenchSupport.ExecuteAsync(connectionString, "vacuum analyze", cancellationToken);

            var allocate = await BenchSupport.TimeAsync("reconcile + allocate + statements of 2026-10", async () =>
            {
                await using var run = services.CreateAsyncScope();
                await run.ServiceProvider.GetRequiredService<RunReconciliation>().HandleAsync(October, WindowKind.Day, "bench", cancellationToken);
                await run.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(October, "bench", cancellationToken);
            });
            var refresh = await BenchSupport.TimeAsync("insights refresh (2026-10's cost series, in full)", () => RefreshAsync(services, cancellationToken));

            var last = await WriteDayAsync(folder, 31, perDay, bill, cancellationToken);
            var baseline = await BenchSupport.TimeAsync("(baseline) psql \\copy of the 31st's file into a table shaped like ours", () => PsqlCopyAsync(connectionString, last, cancellationToken));
            var lastIngest = await IngestAsync(services, last, $"day 31: {perDay:N0} requests", cancellationToken);
            var incremental = await BenchSupport.TimeAsync("incremental refresh after the 31st", () => RefreshAsync(services, cancellationToken));

            var tenants = await PagesBenchmark.TenantsAsync(connectionString, cancellationToken);
            // The first reader after ingest brings the earlier months' (empty) series up to date; pages are timed after it.
            await using (var first = services.CreateAsyncScope())
                await first.ServiceProvider.GetRequiredService<FinOps.Application.Dashboards.GetSpendOverview>().HandleAsync(October, cancellationToken);
            var (overview, lead, explore) = await PagesBenchmark.TimeOursAsync(services, scope, tenants, cancellationToken);
            var afterRefresh = await PagesBenchmark.TimeOverviewAfterRefreshAsync(connectionString, services, scope, cancellationToken);
            var disk = await DiskAsync(connectionString, cancellationToken);
            var stored = perDay * 31;

            var result = new Dictionary<string, object>
            {
                ["bench"] = "scale",
                ["requests"] = stored,
                ["ingest_rows_per_s"] = ingestRowsPerSecond,
                ["reconcile_allocate_statements_s"] = Math.Round(allocate.TotalSeconds, 2),
                ["insights_refresh_s"] = Math.Round(refresh.TotalSeconds, 2),
                ["incremental_refresh_s"] = Math.Round(incremental.TotalSeconds, 2),
                ["overview_p95_ms"] = PagesBenchmark.P95(overview),
                ["lead_p95_ms"] = PagesBenchmark.P95(lead),
                ["explore_p95_ms"] = PagesBenchmark.P95(explore),
                ["overview_after_refresh_p95_ms"] = PagesBenchmark.P95(afterRefresh),
                ["raw_bytes_per_million"] = disk.Raw * 1_000_000 / stored,
                ["rollup_bytes"] = disk.Rollup,
                // psql \copy of the 31st's file ÷ our ingest of it (same rows, same server, same run).
                ["ratio"] = Math.Round(baseline.TotalSeconds / lastIngest.TotalSeconds, 3),
                ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            static string Verdict(bool met) => met ? "met" : "MISSED";
            BenchSupport.Log($"targets: reconcile + allocate + statements {allocate.TotalSeconds:N1} s < 30 s {Verdict(allocate.TotalSeconds < 30)}; "
                + $"incremental refresh {incremental.TotalSeconds:N1} s < 10 s {Verdict(incremental.TotalSeconds < 10)}; "
                + $"pages p95 {result["overview_p95_ms"]} / {result["lead_p95_ms"]} / {result["explore_p95_ms"]} ms "
                + $"(overview as the first reader after a refresh {result["overview_after_refresh_p95_ms"]} ms) < 300 ms "
                + Verdict(new[] { overview, lead, explore, afterRefresh }.All(t => PagesBenchmark.P95(t) < 300)));
            BenchSupport.Log($"disk: {Gigabytes(disk.Raw)} of raw requests and keys ({Gigabytes(disk.Raw * 1_000_000 / stored)} per million), {Gigabytes(disk.Rollup)} of rollup");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }, cancellationToken, s => s.AddSingleton<ICurrentScope>(scope));
    }

    /// <summary>One day's canonical usage CSV; the day's tokens per model are added to what the bill will charge.</summary>
    private static async Task<string> WriteDayAsync(string folder, int day, long rows, Dictionary<(int, int), (long Input, long Cached, long Output)> bill,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, $"usage-2026-10-{day:D2}.csv");
        var random = new Random(day);
        var start = new DateTimeOffset(2026, 10, day, 0, 0, 0, TimeSpan.Zero);
        var step = 86_400_000d / rows;
        var totals = new (long Input, long Cached, long Output)[Models.Length];
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            await writer.WriteLineAsync("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens");
            for (var i = 0L; i < rows; i++)
            {
                // Skewed like real traffic: a few tenants and features carry most requests; the small model most calls.
                var tenant = Tenants[(int)(Tenants.Length * Math.Pow(random.NextDouble(), 2))];
                var feature = Features[(int)(Features.Length * Math.Pow(random.NextDouble(), 1.5))];
                var model = random.Next(10) < 7 ? 1 : 0;
                var input = 200 + random.Next(4000);
                var cached = random.Next(3) == 0 ? random.Next(input / 2) : 0;
                var output = 20 + random.Next(800);
                totals[model] = (totals[model].Input + input, totals[model].Cached + cached, totals[model].Output + output);
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"d{day}-{i},{start.AddMilliseconds(i * step):yyyy-MM-ddTHH:mm:ss.fffZ},{tenant},{feature},openai,{Models[model].Model},{input},{output},{cached}"));
            }
        }
        for (var m = 0; m < Models.Length; m++) bill[(day, m)] = totals[m];
        return path;
    }

    /// <summary>The month's OpenAI costs export at the models' list prices: input, cached input and output per day and model.</summary>
    private static async Task<string> WriteBillAsync(string folder, Dictionary<(int Day, int Model), (long Input, long Cached, long Output)> bill, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "openai-costs-2026-10.csv");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await writer.WriteLineAsync("start_time,end_time,amount_value,amount_currency,line_item");
        foreach (var ((day, m), t) in bill.Where(b => b.Key.Day <= 30).OrderBy(b => b.Key.Day).ThenBy(b => b.Key.Model))
        {
            var model = Models[m];
            foreach (var (item, tokens, price) in new[] { ("input", t.Input - t.Cached, model.Input), ("cached input", t.Cached, model.Cached), ("output", t.Output, model.Output) })
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"2026-10-{day:D2}T00:00:00Z,{new DateTime(2026, 10, day).AddDays(1):yyyy-MM-dd}T00:00:00Z,{Math.Round(tokens * price / 1_000_000m, 6)},usd,\"{model.Snapshot}, {item}\""));
        }
        await writer.FlushAsync(cancellationToken);
        return path;
    }

    private static async Task<TimeSpan> IngestAsync(IServiceProvider services, string path, string label, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, UploadedBy: "bench"), null, cancellationToken);
        if (outcome.Result != IngestResult.Stored) throw new InvalidOperationException($"{label}: not stored: {outcome.Reason}");
        BenchSupport.Log($"{label}: ingested in {clock.Elapsed.TotalSeconds:N1} s");
        return clock.Elapsed;
    }

    private static async Task RefreshAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RefreshCostSeries>().HandleAsync(October, cancellationToken);
    }

    /// <summary>psql \copy into a table like token_usage (monthly partition, primary key, BRIN), in a schema of its own in the same database.</summary>
    private static async Task PsqlCopyAsync(string connectionString, string csv, CancellationToken cancellationToken)
    {
        await BenchSupport.ExecuteAsync(connectionString, """
            create schema if not exists bench;
            create table bench.usage (request_id text not null, occurred_at timestamptz not null, tenant text not null, feature text not null,
                                      provider text not null, model text not null, input_tokens bigint not null, output_tokens bigint not null,
                                      cached_input_tokens bigint not null default 0,
                                      primary key (tenant, occurred_at, request_id)) partition by range (occurred_at);
            create index on bench.usage using brin (occurred_at) with (pages_per_range = 32);
            create table bench.usage_2026_10 partition of bench.usage for values from ('2026-10-01 00:00+00') to ('2026-11-01 00:00+00');
            """, cancellationToken);
        await IngestBenchmark.PsqlAsync(IngestBenchmark.FindPsql(), connectionString, $"\\copy bench.usage from '{csv}' with (format csv, header true)", cancellationToken);
        await BenchSupport.ExecuteAsync(connectionString, "drop schema bench cascade", cancellationToken);
    }

    private static async Task<(long Raw, long Rollup)> DiskAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select (select coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) from pg_inherits i where i.inhparent = 'token_usage'::regclass)
                   + pg_total_relation_size('token_usage_keys'),
                   pg_total_relation_size('usage_hourly')
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ((long)reader.GetDecimal(0), reader.GetInt64(1));
    }

    /// <summary>Refuses when the server's data directory (if this machine can see it) or the temporary folder is short of <paramref name="needed"/>.</summary>
    private static async Task CheckDiskAsync(long needed, CancellationToken cancellationToken)
    {
        var server = FinOps.Infrastructure.Persistence.DatabaseConnection.OwnerFromEnvironment() ?? FinOps.Infrastructure.Persistence.DatabaseConnection.FromEnvironment();
        string? dataDirectory = null;
        try
        {
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("select current_setting('data_directory')", connection);
            dataDirectory = (string?)await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (PostgresException) { }
        if (dataDirectory is null || !Directory.Exists(dataDirectory))
            throw new CliUsageException($"cannot see the database server's disk from here: make sure it has {Gigabytes(needed)} free, then run again with --skip-disk-check");
        var free = new DriveInfo(dataDirectory).AvailableFreeSpace;
        if (free < needed)
            throw new CliUsageException($"the database's disk ({dataDirectory}) has {Gigabytes(free)} free; {Gigabytes(needed)} are needed — use fewer --requests or free space");
        BenchSupport.Log($"disk: {Gigabytes(free)} free at {dataDirectory}");
    }

    private static string Gigabytes(long bytes) => (bytes / 1024d / 1024d / 1024d).ToString("N2", CultureInfo.InvariantCulture) + " GB";
}
