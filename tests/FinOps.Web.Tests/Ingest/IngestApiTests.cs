using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FinOps.Application.Access.ApiKeys;
using FinOps.Application.Ingest.Channels;
using FinOps.Domain.Access;
using FinOps.Domain.Ingestion;
using FinOps.Web.Tests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Ingest;

/// <summary>POST /api/ingest through the real app: API keys, the background job, and the batch's status.</summary>
[Collection(InProcessAppCollection.Name)]
public class IngestApiTests(InProcessApp app)
{
    private const string Usage = """
        request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens
        api-1,2026-10-07T10:00:00Z,acme-retail,support-chat,openai,gpt-4o,1200,300
        api-2,2026-10-07T10:05:00Z,initech,code-review,openai,gpt-4o-mini,800,90
        """;

    [Fact]
    public async Task Without_a_key_or_with_a_wrong_one_the_api_refuses()
    {
        var client = await app.SignedInClientAsync(null);

        var none = await client.PostAsync("/api/ingest", Form("usage.csv", Usage));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "fo_00000000_not-a-real-key");
        var wrong = await client.PostAsync("/api/ingest", Form("usage.csv", Usage));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task A_key_queues_a_batch_whose_job_stores_the_file_and_reports_its_counts()
    {
        var key = await app.CreateIngestKeyAsync("pipeline");
        var client = await app.SignedInClientAsync(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var finished = WhenBatchFinishes();

        var response = await client.PostAsync("/api/ingest", Form("api-usage.csv", Usage));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var batchId = accepted.RootElement.GetProperty("batchId").GetInt64();
        Assert.Equal($"/api/ingest/{batchId}", response.Headers.Location!.OriginalString);
        await finished(batchId).WaitAsync(TimeSpan.FromMinutes(2));

        using var status = JsonDocument.Parse(await client.GetStringAsync($"/api/ingest/{batchId}"));
        var file = status.RootElement.GetProperty("files")[0];
        Assert.Equal("done", status.RootElement.GetProperty("status").GetString());
        Assert.Equal("api-key:pipeline", status.RootElement.GetProperty("createdBy").GetString());
        Assert.Equal(("api-usage.csv", "Stored", 2L, "usage-csv"),
            (file.GetProperty("name").GetString(), file.GetProperty("result").GetString(), file.GetProperty("rowsStored").GetInt64(), file.GetProperty("format").GetString()));
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("select count(*) from token_usage where request_id = 'api-2'"));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_from_then_on()
    {
        var key = await app.CreateIngestKeyAsync("to-revoke");
        var client = await app.SignedInClientAsync(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/ingest/999999")).StatusCode);

        await RevokeKeyAsync("to-revoke");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/ingest", Form("usage.csv", Usage))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/ingest/999999")).StatusCode);
    }

    [Fact]
    public async Task A_key_opens_the_ingest_api_and_nothing_else()
    {
        var key = await app.CreateIngestKeyAsync("narrow");
        var client = await app.SignedInClientAsync(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var tenants = await client.GetAsync("/api/tenants");
        var page = await client.GetAsync("/ingest");

        Assert.Equal(HttpStatusCode.Unauthorized, tenants.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ingest_endpoints()
    {
        var client = await app.SignedInClientAsync(null);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/ingest", out var post) && post.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/ingest/{id}", out _));
    }


    private async Task RevokeKeyAsync(string name)
    {
        using var system = FinOps.Application.Access.SystemExecution.Begin();
        using var scope = app.Factory.Services.CreateScope();
        var keys = scope.ServiceProvider.GetRequiredService<ManageApiKeys>();
        var id = (await keys.ListAsync(default)).Single(k => k.Name == name).Id;
        await keys.RevokeAsync(id, "test", default);
    }

    /// <summary>Listens on the app's feed before anything is sent, so the job's last event cannot be missed.</summary>
    private Func<long, Task> WhenBatchFinishes()
    {
        var feed = app.Factory.Services.GetRequiredService<IIngestProgressFeed>();
        var done = new System.Collections.Concurrent.ConcurrentDictionary<long, TaskCompletionSource>();
        feed.Published += update =>
        {
            if (update.Status is QueuedFileStatus.Finished or QueuedFileStatus.Failed)
                done.GetOrAdd(update.BatchId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        };
        return batchId => done.GetOrAdd(batchId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    private static MultipartFormDataContent Form(string name, string csv)
    {
        var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", name);
        return content;
    }
}
