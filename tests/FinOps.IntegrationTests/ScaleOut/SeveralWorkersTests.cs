using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FinOps.Application.Access.ApiKeys;
using FinOps.Application.Ingest;
using FinOps.Domain.Access;
using FinOps.Infrastructure.Jobs.Progress;
using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.IntegrationTests.ScaleOut;

/// <summary>
/// One web process and two worker processes on one database, started for real: the files sent at once are each
/// ingested once by whichever worker takes them, the web process runs none of them, their progress travels through
/// PostgreSQL, and the totals are those one process stores from the same files.
/// </summary>
public sealed class SeveralWorkersTests : IAsyncLifetime
{
    private const int Files = 20;
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(6);

    private readonly string _root = Directory.CreateTempSubdirectory("finops-workers-").FullName;
    private TestDatabase _database = null!;
    private TestDatabase _singleProcess = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _singleProcess = await TestDatabases.CreateMigratedAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _singleProcess.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Twenty files, each overlapping the next by fifty exact repeats: the request keys are claimed across processes.</summary>
    private static IReadOnlyList<(string Name, string Content)> TwentyFiles() =>
        Enumerable.Range(0, Files).Select(k => ($"usage-{k:D2}.csv", IngestTestBase.UsageCsv(k * 150, 200))).ToList();

    [Fact]
    public async Task Files_sent_at_once_are_each_ingested_once_by_a_worker_and_total_what_one_process_stores()
    {
        var files = TwentyFiles();
        string key;
        await using (var services = TestDatabases.ServicesFor(_database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
            key = (await scope.ServiceProvider.GetRequiredService<ManageApiKeys>().CreateAsync("several-workers", ApiKey.IngestScope, "test", default)).Secret;

        var notices = new ConcurrentQueue<IngestFeedNotice>();
        await using var listener = await ListenAsync(notices);

        var spool = Directory.CreateDirectory(Path.Combine(_root, "spool")).FullName;
        var logs = Directory.CreateDirectory(Path.Combine(_root, "logs")).FullName;
        Task<WebAppProcess> Start(string role) => WebAppProcess.StartAsync(_database.ConnectionString, logs, HangGuard,
            environment: new Dictionary<string, string> { ["FINOPS_ROLE"] = role, ["FINOPS_SPOOL_DIR"] = spool });
        var starting = new[] { Start("web"), Start("worker"), Start("worker") };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully)) await (await started).DisposeAsync();
            throw;
        }
        await using var web = await starting[0];
        await using var workerA = await starting[1];
        await using var workerB = await starting[2];

        // Both workers have announced themselves to Hangfire before anything is queued: either may take any file.
        await Eventually.UntilAsync(async () => await _database.ScalarAsync<long>("select count(*) from hangfire.server") >= 2, HangGuard, "both workers register with Hangfire");

        using var http = new HttpClient { BaseAddress = new Uri(web.BaseUrl), Timeout = HangGuard };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var form = new MultipartFormDataContent();
        foreach (var (name, content) in files) form.Add(new StringContent(content), "files", name);
        var response = await http.PostAsync("/api/ingest", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await Eventually.UntilAsync(async () => await _database.ScalarAsync<long>("select count(*) from queued_files where status in ('Finished', 'Failed')") == Files,
            HangGuard, "every queued file finishes");
        // A job records its file's end before Hangfire records the job's: wait for Hangfire's word too.
        await Eventually.UntilAsync(async () => await _database.ScalarAsync<long>(
            "select count(*) from hangfire.job where invocationdata::text like '%IngestQueuedFileJob%' and statename in ('Succeeded', 'Failed')") == Files,
            HangGuard, "every ingest job ends");

        // Each file once: finished and stored, one ingestion record each, one run of its job.
        Assert.Equal([], await Strings("select file_name || ': ' || status || ' ' || coalesce(result, '') || ' ' || coalesce(reason, '') from queued_files where result is distinct from 'Stored'"));
        Assert.Equal(Files, await _database.ScalarAsync<long>("select count(*) from queued_files where status = 'Finished' and result = 'Stored'"));
        Assert.Equal(Files, await _database.ScalarAsync<long>("select count(distinct file_id) from queued_files"));
        Assert.Equal(Files, await _database.ScalarAsync<long>("select count(*) from ingestion_files"));
        Assert.Equal(Files, await _database.ScalarAsync<long>("""
            select count(*) from hangfire.job j
            where j.invocationdata::text like '%IngestQueuedFileJob%' and j.statename = 'Succeeded'
              and (select count(*) from hangfire.state s where s.jobid = j.id and s.name = 'Processing') = 1
            """));

        // The workers ran them, never the web process; each progress notice names the worker that sent it.
        var servers = await Strings("""
            select distinct s.data::json->>'ServerId' from hangfire.state s join hangfire.job j on j.id = s.jobid
            where j.invocationdata::text like '%IngestQueuedFileJob%' and s.name = 'Processing'
            """);
        var workerPids = new[] { workerA.ProcessId, workerB.ProcessId };
        Assert.All(servers, server => Assert.Contains(workerPids, pid => server.Contains($":{pid}:", StringComparison.Ordinal)));
        await Eventually.UntilAsync(() => Task.FromResult(notices.Count(n => n.Status == FinOps.Domain.Ingestion.QueuedFileStatus.Finished) == Files), HangGuard, "every outcome is heard");
        var senders = notices.Select(n => n.Sender).Distinct().ToList();
        Assert.All(senders, sender => Assert.Contains(workerPids, pid => sender.EndsWith($":{pid}", StringComparison.Ordinal)));
        Assert.Contains(notices, n => n.Status == FinOps.Domain.Ingestion.QueuedFileStatus.Processing && n.Progress is { RowsRead: > 0 });
        Assert.Equal(Files, notices.Where(n => n.Outcome is { Result: IngestResult.Stored }).Select(n => n.QueuedFileId).Distinct().Count());

        // The same files through one process, one after another, store the same.
        await using (var services = TestDatabases.ServicesFor(_singleProcess.ConnectionString))
        {
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(_root, name);
                await File.WriteAllTextAsync(path, content);
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, FileName: name), null, CancellationToken.None);
            }
        }
        const string totals = """
            select (select count(*) from token_usage)::text || '/' || (select sum(input_tokens) from token_usage)::text || '/' ||
                   (select sum(output_tokens) from token_usage)::text || '/' || (select count(*) from token_usage_keys)::text || '/' ||
                   (select coalesce(sum(requests), 0) from usage_hourly)::text || '/' || (select coalesce(sum(input_tokens), 0) from usage_hourly)::text
            """;
        Assert.Equal(await _singleProcess.ScalarAsync<string>(totals), await _database.ScalarAsync<string>(totals));
        Assert.Equal(150L * (Files - 1) + 200, await _database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    private async Task<List<string>> Strings(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>Hears the ingest feed's channel as a web process does, on a connection of its own.</summary>
    private async Task<IAsyncDisposable> ListenAsync(ConcurrentQueue<IngestFeedNotice> into)
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        connection.Notification += (_, e) =>
        {
            if (IngestFeedNotice.Parse(e.Payload) is { } notice) into.Enqueue(notice);
        };
        await using (var listen = new NpgsqlCommand($"listen {PostgresIngestProgressFeed.ChannelName}", connection))
            await listen.ExecuteNonQueryAsync();
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            try
            {
                while (true) await connection.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        });
        return new Listening(connection, stop, loop);
    }

    private sealed class Listening(NpgsqlConnection connection, CancellationTokenSource stop, Task loop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            await connection.DisposeAsync();
            stop.Dispose();
        }
    }

}
