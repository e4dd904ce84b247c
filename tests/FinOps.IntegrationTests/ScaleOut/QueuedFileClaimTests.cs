using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Ingestion;
using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.ScaleOut;

/// <summary>A queued file is ingested by one job at a time, whatever process runs it, and a dead holder frees it.</summary>
public sealed class QueuedFileClaimTests : IAsyncLifetime
{
    private readonly string _spool = Directory.CreateTempSubdirectory("finops-claims-").FullName;
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private readonly List<long> _enqueued = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        _services = TestDatabases.ServicesFor(_database.ConnectionString, configure: s =>
        {
            s.AddSingleton(new IngestFolders(_spool, null));
            s.AddSingleton<IIngestJobScheduler>(new RecordingScheduler(_enqueued));
        });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task A_file_another_worker_holds_is_left_to_it_and_taken_once_the_holder_is_gone()
    {
        var id = await SubmitAsync();
        var claims = _services.GetRequiredService<IQueuedFileClaims>();

        // Another worker holds it (its own connection, as a separate process would).
        var held = await claims.TryClaimAsync(id, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await claims.TryClaimAsync(id, CancellationToken.None));
        await ProcessAsync(id);
        Assert.Equal("Queued", await _database.ScalarAsync<string>($"select status from queued_files where id = {id}"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("select count(*) from ingestion_files"));

        await held!.DisposeAsync();
        await ProcessAsync(id);
        Assert.Equal("Finished", await _database.ScalarAsync<string>($"select status from queued_files where id = {id}"));
        Assert.Equal(40L, await _database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    [Fact]
    public async Task Two_jobs_for_one_file_at_once_ingest_it_once()
    {
        var id = await SubmitAsync();

        await Task.WhenAll(Task.Run(() => ProcessAsync(id)), Task.Run(() => ProcessAsync(id)));

        Assert.Equal("Finished", await _database.ScalarAsync<string>($"select status from queued_files where id = {id}"));
        Assert.Equal(1L, await _database.ScalarAsync<long>("select count(*) from ingestion_files"));
        Assert.Equal(40L, await _database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    private async Task<long> SubmitAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(IngestTestBase.UsageCsv(0, 40)));
        var batch = await scope.ServiceProvider.GetRequiredService<SubmitFiles>()
            .HandleAsync(IngestionChannel.Api, "test", [new SubmittedFile("usage.csv", content)], CancellationToken.None);
        return batch.Files.Single().QueuedFileId;
    }

    private async Task ProcessAsync(long id)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessQueuedFile>().HandleAsync(id, CancellationToken.None);
    }

    private sealed class RecordingScheduler(List<long> into) : IIngestJobScheduler
    {
        public void Enqueue(long queuedFileId)
        {
            lock (into) into.Add(queuedFileId);
        }
    }
}
