using System.Diagnostics;
using System.Reflection;
using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>
/// A file is in whole or not at all: killing the ingesting process leaves either nothing or the whole file, never a
/// part — whichever side wins the race on a busy machine — and a second run ends where a clean run ends.
/// </summary>
public class CrashSafetyTests : IngestTestBase
{
    private const int Rows = 300_000;

    [Fact]
    public async Task Killing_the_ingest_mid_file_stores_all_or_nothing_and_a_second_run_equals_a_clean_one()
    {
        var path = WriteFile("big.csv", UsageCsv(0, Rows));

        await StartAndKillAfterFirstProgressAsync(path);

        // All or nothing, and the key table, rollup and file record agree with what is stored.
        var stored = await Database.ScalarAsync<long>("select count(*) from token_usage");
        Assert.Contains(stored, new[] { 0L, Rows });
        Assert.Equal(stored, await Database.ScalarAsync<long>("select count(*) from token_usage_keys"));
        Assert.Equal(stored, await Database.ScalarAsync<long>("select coalesce(sum(requests), 0)::bigint from usage_hourly"));
        Assert.Equal(stored == 0 ? 0L : 1L, await Database.ScalarAsync<long>("select count(*) from ingestion_files where status = 'Stored'"));

        var outcome = await IngestAsync(path);

        Assert.Equal(stored == 0 ? IngestResult.Stored : IngestResult.AlreadyIngested, outcome.Result);
        Assert.Equal(Enumerable.Range(0, Rows).Sum(i => 100L + i % 50), await Database.ScalarAsync<long>("select sum(input_tokens) from token_usage"));
        Assert.Equal((long)Rows, await Database.ScalarAsync<long>("select sum(requests) from usage_hourly"));
    }

    /// <summary>Starts the CLI's ingest and kills it at its first progress line — or finds it already done, if the machine let it finish first.</summary>
    private async Task StartAndKillAfterFirstProgressAsync(string path)
    {
        var configuration = typeof(CrashSafetyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine("src", "FinOps.Cli", "bin", configuration, "net10.0", "finops.dll"));
        start.ArgumentList.Add("ingest");
        start.ArgumentList.Add(path);
        start.Environment["FINOPS_DB"] = Database.ConnectionString;

        using var process = Process.Start(start)!;
        var progressSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("rows/s")) progressSeen.TrySetResult();
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => progressSeen.TrySetResult();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        // A hang guard, not a timing: the process reports progress within seconds on an idle machine.
        await progressSeen.Task.WaitAsync(TimeSpan.FromMinutes(5));
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
