using System.Diagnostics;
using System.Reflection;
using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>A file is in whole or not at all: killing the ingesting process mid-file leaves nothing behind.</summary>
public class CrashSafetyTests : IngestTestBase
{
    private const int Rows = 300_000;

    [Fact]
    public async Task Killing_the_ingest_mid_file_stores_nothing_and_a_second_run_equals_a_clean_one()
    {
        var path = WriteFile("big.csv", UsageCsv(0, Rows));

        var killedAfter = await StartAndKillAfterFirstProgressAsync(path);

        Assert.Contains("rows", killedAfter); // it was streaming rows when it died
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from token_usage_keys"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from usage_hourly"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from ingestion_files where status = 'Stored'"));

        var outcome = await IngestAsync(path);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal((long)Rows, outcome.RowsStored);
        Assert.Equal(Enumerable.Range(0, Rows).Sum(i => 100L + i % 50), await Database.ScalarAsync<long>("select sum(input_tokens) from token_usage"));
        Assert.Equal((long)Rows, await Database.ScalarAsync<long>("select sum(requests) from usage_hourly"));
    }

    private async Task<string> StartAndKillAfterFirstProgressAsync(string path)
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
        var progressSeen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.Contains("rows/s")) progressSeen.TrySetResult(line);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => progressSeen.TrySetException(new InvalidOperationException("the ingest finished before it could be killed"));
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var line = await progressSeen.Task.WaitAsync(TimeSpan.FromMinutes(2));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return line;
    }
}
