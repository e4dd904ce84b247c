using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FinOps.Application.Database;
using FinOps.Application.Ingest;
using FinOps.Application.Access;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Cli.Bench;

/// <summary>
/// Times, on one generated canonical usage CSV: (a) <c>psql \copy … csv</c> into a table shaped like token_usage
/// (same monthly partitions, primary key and BRIN index, empty), (b) <c>psql \copy</c> into a bare table, and (c)
/// our whole ingest (parse, validate, COPY, resolve, de-duplicate, rollup, record) into an empty migrated database,
/// and (d) the database's own floor for our table: <c>psql \copy</c> of the same rows already resolved to ids into
/// token_usage itself, whose triggers claim the (source, request id) keys and keep the hourly rollup.
/// Each runs in its own throwaway database on the same server. Ratio = (a) time ÷ (c) time; ratio_floor = (d) ÷ (c).
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(int rows, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (rows <= 0) throw new InvalidOperationException("--rows must be positive");
        // Throwaway databases are created (and migrated) by the schema owner where one is configured.
        var server = DatabaseConnection.OwnerFromEnvironment() ?? DatabaseConnection.FromEnvironment();
        var psql = FindPsql();
        var folder = Directory.CreateTempSubdirectory("finops-bench-").FullName;
        var csv = Path.Combine(folder, "usage.csv");
        var run = Guid.NewGuid().ToString("N")[..8];
        var databases = new[] { $"finops_bench_{run}_a", $"finops_bench_{run}_b", $"finops_bench_{run}_c", $"finops_bench_{run}_d" };
        try
        {
            BenchSupport.Log($"generating {rows:N0} requests…");
            var bytes = await WriteCsvAsync(csv, rows, cancellationToken);
            BenchSupport.Log($"  {csv}: {bytes / 1024d / 1024d:N1} MiB");
            foreach (var name in databases) await BenchSupport.ExecuteAsync(server, $"create database \"{name}\"", cancellationToken);

            await BenchSupport.ExecuteAsync(BenchSupport.With(server, databases[0]), BaselineTable(partitioned: true), cancellationToken);
            await BenchSupport.ExecuteAsync(BenchSupport.With(server, databases[1]), BaselineTable(partitioned: false), cancellationToken);

            var baseline = await BenchSupport.TimeAsync("(a) psql \\copy into a table like ours", () => PsqlCopyAsync(psql, BenchSupport.With(server, databases[0]), csv, cancellationToken));
            var bare = await BenchSupport.TimeAsync("(b) psql \\copy into a bare table", () => PsqlCopyAsync(psql, BenchSupport.With(server, databases[1]), csv, cancellationToken));
            await using var ingest = await BenchSupport.PrepareDatabaseAsync(BenchSupport.With(server, databases[2]), cancellationToken);
            using var phases = new IngestPhaseTotals();
            var ours = await BenchSupport.TimeAsync("(c) finops ingest", () => OurIngestAsync(ingest, csv, cancellationToken));
            BenchSupport.Log($"(c) where the time went: {phases.Report(ours)}");

            // (d): what the database alone needs for our table — the rows already resolved to ids, psql \copy straight
            // into token_usage with its key claim and rollup triggers. No ingest of ours can beat this floor.
            var resolved = Path.Combine(folder, "resolved.csv");
            await PsqlAsync(psql, BenchSupport.With(server, databases[2]), $"\\copy (select {ResolvedColumns} from token_usage) to '{resolved}' with (format csv)", cancellationToken);
            await (await BenchSupport.PrepareDatabaseAsync(BenchSupport.With(server, databases[3]), cancellationToken)).DisposeAsync();
            await BenchSupport.ExecuteAsync(BenchSupport.With(server, databases[3]), "select ensure_token_usage_partition('2026-10-01')", cancellationToken);
            var floor = await BenchSupport.TimeAsync("(d) psql \\copy of resolved rows into token_usage itself", () =>
                PsqlAsync(psql, BenchSupport.With(server, databases[3]), $"\\copy token_usage ({ResolvedColumns}) from '{resolved}' with (format csv)", cancellationToken));

            var result = new
            {
                bench = "ingest",
                rows,
                baseline_rows_per_s = Math.Round(rows / baseline.TotalSeconds),
                bare_rows_per_s = Math.Round(rows / bare.TotalSeconds),
                rows_per_s = Math.Round(rows / ours.TotalSeconds),
                ratio = Math.Round(baseline.TotalSeconds / ours.TotalSeconds, 3),
                ratio_bare = Math.Round(bare.TotalSeconds / ours.TotalSeconds, 3),
                floor_rows_per_s = Math.Round(rows / floor.TotalSeconds),
                ratio_floor = Math.Round(floor.TotalSeconds / ours.TotalSeconds, 3),
                phases_s = phases.Seconds(),
                peak_rss_mb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"ratio (a)/(c) = {result.ratio}, (b)/(c) = {result.ratio_bare}, (d)/(c) = {result.ratio_floor}, peak RSS {result.peak_rss_mb} MB");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }
        finally
        {
            foreach (var name in databases)
                await BenchSupport.ExecuteAsync(server, $"drop database if exists \"{name}\" with (force)", CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> WriteCsvAsync(string path, int rows, CancellationToken cancellationToken)
    {
        string[] tenants = ["acme-retail", "globex-bank", "initech", "umbrella-health", "stark-industries", "wayne-enterprises"];
        string[] features = ["support-chat", "doc-summarizer", "code-review", "search-rerank", "invoice-extraction", "agent-planner"];
        string[] models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama-3-70b"];
        var start = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromSeconds(31d * 86400 / rows);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteLineAsync("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,cached_input_tokens");
        var random = new Random(42);
        for (var i = 0; i < rows; i++)
        {
            var model = models[i % models.Length];
            var provider = model.StartsWith("gpt") ? "openai" : model.StartsWith("claude") ? "anthropic" : "self-hosted";
            var input = 200 + random.Next(4000);
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"req-{i},{start + step * i:yyyy-MM-ddTHH:mm:ss.fffZ},{tenants[random.Next(tenants.Length)]},{features[random.Next(features.Length)]},{provider},{model},{input},{20 + random.Next(800)},{random.Next(input / 2)}"));
        }
        await writer.FlushAsync(cancellationToken);
        return writer.BaseStream.Length;
    }

    /// <summary>The CSV's columns, with token_usage's shape: monthly partitions, tenant-led primary key, BRIN on time.</summary>
    private static string BaselineTable(bool partitioned) => partitioned
        ? """
          create table bench_usage (request_id text not null, occurred_at timestamptz not null, tenant text not null, feature text not null,
                                    provider text not null, model text not null, input_tokens bigint not null, output_tokens bigint not null,
                                    cached_input_tokens bigint not null default 0,
                                    primary key (tenant, occurred_at, request_id)) partition by range (occurred_at);
          create index on bench_usage using brin (occurred_at) with (pages_per_range = 32);
          create table bench_usage_2026_10 partition of bench_usage for values from ('2026-10-01 00:00+00') to ('2026-11-01 00:00+00');
          create table bench_usage_2026_11 partition of bench_usage for values from ('2026-11-01 00:00+00') to ('2026-12-01 00:00+00');
          """
        : """
          create table bench_usage (request_id text, occurred_at timestamptz, tenant text, feature text, provider text, model text,
                                    input_tokens bigint, output_tokens bigint, cached_input_tokens bigint);
          """;

    private const string ResolvedColumns =
        "tenant_id, occurred_at, source, request_id, feature_id, provider_id, model_id, input_tokens, cached_input_tokens, output_tokens, file_id";

    private static Task PsqlCopyAsync(string psql, string connectionString, string csv, CancellationToken cancellationToken) =>
        PsqlAsync(psql, connectionString, $"\\copy bench_usage from '{csv}' with (format csv, header true)", cancellationToken);

    internal static async Task PsqlAsync(string psql, string connectionString, string command, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(psql) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!,
                     "-v", "ON_ERROR_STOP=1", "-c", command })
            start.ArgumentList.Add(arg);
        if (builder.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"psql failed: {await error}");
    }

    private static async Task OurIngestAsync(ServiceProvider provider, string csv, CancellationToken cancellationToken)
    {
        var outcome = await provider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(csv, UploadedBy: "bench"), null, cancellationToken);
        if (outcome.Result != IngestResult.Stored) throw new InvalidOperationException($"ingest did not store the file: {outcome.Reason}");
    }

    internal static string FindPsql()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("FINOPS_PG_BIN") is { } bin ? Path.Combine(bin, "psql") : null, "/usr/bin/psql" }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")) : []);
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c))
               ?? throw new InvalidOperationException("psql not found: install postgresql-client");
    }
}
