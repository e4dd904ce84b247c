using System.Net;
using System.Text.Json;

namespace FinOps.E2ETests;

/// <summary>What an operator's probes and scrapers see on the running app.</summary>
[Collection(AppCollection.Name)]
public class OperationsEndpointsTests(AppHost app)
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Healthz_reports_database_and_job_storage_healthy_as_json()
    {
        var response = await Http.GetAsync(app.BaseUrl + "/healthz");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_answers_the_plain_word_for_simple_probes()
    {
        Assert.Equal("Healthy", await Http.GetStringAsync(app.BaseUrl + "/health"));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_ingest_and_job_figures()
    {
        var response = await Http.GetAsync(app.BaseUrl + "/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("# TYPE finops_rows_ingested_total counter", text);
        // Other browser tests ingest files: the figure is whatever the database holds, but it is there.
        Assert.Matches("finops_rows_ingested_total\\{kind=\"usage\"\\} [0-9]+", text);
        Assert.Contains("# TYPE finops_jobs_succeeded_total counter", text);
        Assert.Contains("# TYPE finops_jobs_failed gauge", text);
        Assert.Matches("finops_cost_series_cache_reads_total\\{result=\"miss\"\\} [0-9]+", text);
        Assert.Matches("finops_cost_series_cache_points [0-9]+", text);
        Assert.Contains("http_requests_received_total", text);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_finance_admins_and_lists_the_partition_maintenance_job()
    {
        var anonymous = await Http.GetAsync(app.BaseUrl + "/jobs/recurring");
        var lead = await app.OpenAsync("/", "lead@demo.finops");
        var finance = await app.OpenAsync("/", "finance@demo.finops");

        var asLead = await lead.Context.APIRequest.GetAsync(app.BaseUrl + "/jobs/recurring");
        var asFinance = await finance.Context.APIRequest.GetAsync(app.BaseUrl + "/jobs/recurring");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(403, asLead.Status);
        Assert.Equal(200, asFinance.Status);
        Assert.Contains("usage-partition-maintenance", await asFinance.TextAsync());
        await lead.Context.CloseAsync();
        await finance.Context.CloseAsync();
    }

    [Fact]
    public async Task Logs_carry_user_and_job_on_every_event_and_never_the_database_password()
    {
        await Http.GetAsync(app.BaseUrl + "/health");
        var signedIn = await app.OpenAsync("/", "finance@demo.finops");
        await signedIn.Context.CloseAsync();
        var files = Directory.GetFiles(app.LogDirectory, "finops-*.json");
        var events = files.SelectMany(ReadShared).Select(line => JsonDocument.Parse(line).RootElement).ToList();

        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.True(e.TryGetProperty("User", out _), $"event without User: {e}");
            Assert.True(e.TryGetProperty("JobId", out _), $"event without JobId: {e}");
        });
        Assert.Contains(events, e => e.GetProperty("User").GetString() == "anonymous" && e.TryGetProperty("RequestPath", out _));
        Assert.Contains(events, e => e.GetProperty("User").GetString() == "finance@demo.finops" && e.TryGetProperty("RequestPath", out _));
        Assert.DoesNotContain(AppHost.PasswordCanary, string.Join('\n', files.SelectMany(ReadShared)));
        Assert.DoesNotContain(AppHost.PasswordCanary, app.ConsoleOutput);
    }

    // The app holds its log file open; read it without locking it.
    private static IEnumerable<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) if (line.Length > 0) lines.Add(line);
        return lines;
    }
}
