using Bunit;
using FinOps.Application;
using FinOps.Application.Access;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Access;
using FinOps.Infrastructure;
using FinOps.Testing;
using FinOps.Web.Features.Ingest;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Ingest;

/// <summary>The ingest page over a real database: upload, the job's feed events, the summary and the history.</summary>
public sealed class IngestPageTests : ShellTestContext, IAsyncLifetime
{
    private readonly RecordingScheduler _jobs = new();
    private readonly string _spool = Directory.CreateTempSubdirectory("finops-bunit-spool-").FullName;
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        Services.AddFinOpsApplication();
        Services.AddFinOpsInfrastructure(_database.ConnectionString);
        Services.AddScoped<ICurrentScope, SystemScope>();
        // The page's jobs are run by the test, one at a time, instead of by a Hangfire server.
        Services.AddSingleton<IIngestJobScheduler>(_jobs);
        Services.AddSingleton(new IngestFolders(_spool, null));
        SignInAs("finance@demo.finops", Roles.FinanceAdmin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    [Fact]
    public async Task An_upload_shows_queued_then_the_jobs_progress_and_summary_and_lands_in_the_history()
    {
        var page = Render<IngestPage>();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n" +
            "p-1,2026-10-07T10:00:00Z,acme-retail,support-chat,openai,gpt-4o,1200,300\n" +
            "p-2,2026-10-07T10:01:00Z,acme-retail,support-chat,openai,gpt-4o,-5,300\n" +
            string.Concat(Enumerable.Range(3, 200).Select(i => $"p-{i},2026-10-07T10:02:00Z,initech,code-review,openai,gpt-4o-mini,100,10\n")),
            "october-usage.csv"));

        var row = page.WaitForElement("[data-testid=upload-row]");
        Assert.Equal("october-usage.csv", row.GetAttribute("data-file"));
        Assert.Equal("Queued", row.GetAttribute("data-status"));
        var queued = Assert.Single(_jobs.Enqueued);

        await RunJobAsync(queued);

        page.WaitForAssertion(() =>
        {
            var done = page.Find("[data-testid=upload-row]");
            Assert.Equal("Finished", done.GetAttribute("data-status"));
            Assert.True(int.Parse(done.GetAttribute("data-reports")!) >= 1, "the job's progress reached the page");
            Assert.Contains("202 rows read, 201 stored, 0 duplicates, 0 conflicts, 1 quarantined", page.Find("[data-testid=upload-summary]").TextContent);
            Assert.Contains("line 3, column input_tokens", page.Find("[data-testid=uploads]").TextContent);
            Assert.NotNull(page.Find("[data-testid=upload-quarantine]"));
        });
        page.WaitForAssertion(() => Assert.Contains("october-usage.csv", page.Find("[data-testid=ingest-history]").TextContent));
    }

    private async Task RunJobAsync(long queuedFileId)
    {
        using var system = SystemExecution.Begin();
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessQueuedFile>().HandleAsync(queuedFileId, CancellationToken.None);
    }

    private sealed class RecordingScheduler : IIngestJobScheduler
    {
        public List<long> Enqueued { get; } = [];
        public void Enqueue(long queuedFileId) => Enqueued.Add(queuedFileId);
    }
}
