using System.Text;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Ingestion;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>Submissions that fail leave nothing; what a crash leaves is removed once a day old, and nothing in use is touched.</summary>
public sealed class SpoolCleanUpTests : IngestTestBase
{
    private sealed class NoJobs : IIngestJobScheduler
    {
        public List<long> Enqueued { get; } = [];
        public void Enqueue(long queuedFileId) => Enqueued.Add(queuedFileId);
    }

    /// <summary>A sender that drops the connection after a few bytes.</summary>
    private sealed class Disconnecting() : MemoryStream(Encoding.UTF8.GetBytes(new string('x', 100_000)))
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position > 10_000 ? throw new IOException("the client disconnected") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 4096)], cancellationToken);
    }

    private ServiceProvider ServicesAt(DateTimeOffset now, string spool, NoJobs jobs) =>
        TestDatabases.ServicesFor(Database.ConnectionString, new FixedClock(now), s =>
        {
            s.AddSingleton(new IngestFolders(spool, null));
            s.AddSingleton<IIngestJobScheduler>(jobs);
        });

    [Fact]
    public async Task A_submission_that_fails_half_way_leaves_no_batch_and_no_spool_file()
    {
        var spool = Directory.CreateTempSubdirectory("finops-spool-").FullName;
        await using var services = ServicesAt(DateTimeOffset.Parse("2026-12-01T10:00:00Z"), spool, new NoJobs());
        await using var scope = services.CreateAsyncScope();

        await Assert.ThrowsAsync<IOException>(() => scope.ServiceProvider.GetRequiredService<SubmitFiles>().HandleAsync(IngestionChannel.Api, "test",
            [new SubmittedFile("ok.csv", new MemoryStream("a,b\n1,2\n"u8.ToArray())), new SubmittedFile("cut.csv", new Disconnecting())], default));

        Assert.Empty(Directory.EnumerateFiles(spool));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from ingestion_batches"));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task Orphans_a_day_old_are_removed_and_waiting_files_and_recent_ones_are_kept()
    {
        var spool = Directory.CreateTempSubdirectory("finops-spool-").FullName;
        var now = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
        var jobs = new NoJobs();
        await using (var earlier = ServicesAt(now.AddDays(-3), spool, jobs))
        await using (var scope = earlier.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SubmitFiles>().HandleAsync(IngestionChannel.Api, "test",
                [new SubmittedFile("waiting.csv", new MemoryStream("a,b\n1,2\n"u8.ToArray()))], default);
        var waiting = Directory.EnumerateFiles(spool).Single();
        var orphan = Path.Combine(spool, "orphan.csv");
        var recent = Path.Combine(spool, "recent.csv");
        await File.WriteAllTextAsync(orphan, "left by a crash");
        await File.WriteAllTextAsync(recent, "being written");
        foreach (var old in new[] { waiting, orphan }) File.SetLastWriteTimeUtc(old, now.AddDays(-3).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, now.AddHours(-1).UtcDateTime);
        await Database.ExecuteAsync("insert into ingestion_batches (channel, created_at, created_by) values ('Api', '2026-11-28T00:00:00Z', 'crash'), ('Api', '2026-12-02T09:00:00Z', 'now')");

        await using var services = ServicesAt(now, spool, jobs);
        await using var cleanUp = services.CreateAsyncScope();
        var result = await cleanUp.ServiceProvider.GetRequiredService<CleanUpSpool>().HandleAsync(default);

        Assert.Equal(new SpoolCleanUp(1, 1), result);
        Assert.Equal(new[] { recent, waiting }.Order(), Directory.EnumerateFiles(spool).Order());
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from ingestion_batches"));
        Directory.Delete(spool, recursive: true);
    }
}
