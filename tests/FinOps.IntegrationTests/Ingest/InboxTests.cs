using FinOps.Application.Ingest.Channels;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Ingest;

public sealed class InboxTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("finops-inbox-").FullName;
    private string Inbox => Path.Combine(_root, "inbox");
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Inbox);
        _database = await TestDatabases.CreateMigratedAsync();
        _services = TestDatabases.ServicesFor(_database.ConnectionString,
            configure: s => s.AddSingleton(new IngestFolders(Path.Combine(_root, "spool"), Inbox)));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_sweep_moves_stored_files_to_done_and_refused_ones_to_failed_with_their_reason()
    {
        File.WriteAllText(Path.Combine(Inbox, "usage.csv"), IngestTestBase.UsageCsv(0, 40));
        File.WriteAllText(Path.Combine(Inbox, "notes.csv"), "what,is,this\n1,2,3\n");
        File.WriteAllText(Path.Combine(Inbox, "arriving.csv.part"), IngestTestBase.UsageCsv(100, 5));

        var sweep = await SweepAsync();

        Assert.Equal(new InboxSweep(1, 1), sweep);
        Assert.True(File.Exists(Path.Combine(Inbox, "done", "usage.csv")));
        Assert.True(File.Exists(Path.Combine(Inbox, "failed", "notes.csv")));
        Assert.Contains("unknown format", File.ReadAllText(Path.Combine(Inbox, "failed", "notes.csv.reason.txt")));
        Assert.True(File.Exists(Path.Combine(Inbox, "arriving.csv.part")), "a file still being written is left alone");
        Assert.Equal(40L, await _database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal("Inbox", await _database.ScalarAsync<string>(
            "select b.channel from ingestion_files f join ingestion_batches b on b.id = f.batch_id where f.file_name = 'usage.csv'"));
    }

    [Fact]
    public async Task Sweeping_twice_and_sending_a_file_again_change_nothing()
    {
        File.WriteAllText(Path.Combine(Inbox, "usage.csv"), IngestTestBase.UsageCsv(0, 40));
        await SweepAsync();
        var files = await _database.ScalarAsync<long>("select count(*) from ingestion_files");

        var second = await SweepAsync();
        File.Copy(Path.Combine(Inbox, "done", "usage.csv"), Path.Combine(Inbox, "usage.csv"));
        var resent = await SweepAsync();

        Assert.Equal(new InboxSweep(0, 0), second);
        Assert.Equal(new InboxSweep(1, 0), resent);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Inbox, "done")).Length);
        Assert.Empty(Directory.GetFiles(Inbox));
        Assert.Equal(files, await _database.ScalarAsync<long>("select count(*) from ingestion_files"));
        Assert.Equal(40L, await _database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    private async Task<InboxSweep> SweepAsync()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SweepInbox>().HandleAsync(CancellationToken.None);
    }
}
