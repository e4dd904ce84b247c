using FinOps.Application.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>A stored file is reported stored, even when what follows it (queuing its reconciliation) fails.</summary>
public sealed class IngestFollowUpTests : IngestTestBase
{
    private sealed class BrokenQueue : IIngestFollowUp
    {
        public Task AfterStoredAsync(IngestOutcome outcome, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("job storage unreachable");
    }

    [Fact]
    public async Task A_file_stored_before_its_follow_up_failed_is_reported_stored_not_failed()
    {
        await using var services = TestDatabases.ServicesFor(Database.ConnectionString, configure: s => s.AddSingleton<IIngestFollowUp>(new BrokenQueue()));
        await using var scope = services.CreateAsyncScope();

        var outcome = await scope.ServiceProvider.GetRequiredService<IngestFile>()
            .HandleAsync(new IngestRequest(WriteFile("usage.csv", UsageCsv(0, 20)), UploadedBy: "test"), null, default);

        Assert.Equal((IngestResult.Stored, 20L), (outcome.Result, outcome.RowsStored));
        Assert.Equal("Stored", await Database.ScalarAsync<string>($"select status from ingestion_files where id = {outcome.FileId}"));
    }
}
