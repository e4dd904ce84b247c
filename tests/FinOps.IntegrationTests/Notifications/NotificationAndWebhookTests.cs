using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using FinOps.Application.Demo;
using FinOps.Application.Notifications;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Jobs;
using FinOps.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Notifications;

public sealed class NotificationAndWebhookTests : IAsyncLifetime
{
    private readonly RecordingWebhookScheduler _scheduler = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-notify-").FullName;
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        // A copy of the generated October, loaded once per run into a template (its reconciliation raised notifications already).
        _database = await TestDatabases.CreateWithDemoMonthAsync();
        _services = TestDatabases.ServicesFor(_database.ConnectionString, configure: s => s.AddSingleton<IWebhookScheduler>(_scheduler));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Each_flagged_window_notifies_once_however_often_and_however_concurrently_reconciliation_runs()
    {
        await _database.ExecuteAsync("delete from alerts");
        await Use<ManageWebhooks>().CreateAsync("http://127.0.0.1:9/hook", "test", default);
        var first = await Use<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, "test", default);
        var flagged = first.ByStatus.GetValueOrDefault(ReconciliationStatus.Mismatch) + first.ByStatus.GetValueOrDefault(ReconciliationStatus.Unlogged);

        await Use<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, "test", default);
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Use<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, "test", default))));

        Assert.True(flagged > 50);
        Assert.Equal((long)flagged, await _database.ScalarAsync<long>("select count(*) from alerts"));
        Assert.Equal((long)flagged, await _database.ScalarAsync<long>("select count(*) from webhook_deliveries"));
        Assert.Equal(flagged, _scheduler.Enqueued.Count);

        // Stored one per window, read grouped: a provider × model × status over a run of days is one row.
        var groups = await Use<INotificationInbox>().ListAsync("someone", 1000, default);
        Assert.Equal(flagged, groups.Sum(g => g.Count));
        Assert.True(groups.Count < flagged / 4, $"{groups.Count} rows for {flagged} windows");
        var unmapped = groups.Where(g => g.Title.Contains("aws-bedrock (unmapped)")).ToList();
        Assert.Contains(unmapped, g => g.Count > 20 && g.Title.Contains(" days)"));
        await Use<INotificationInbox>().MarkReadAsync("someone", unmapped[0].Ids.ToArray(), default);
        Assert.Equal(flagged - unmapped[0].Count, await Use<INotificationInbox>().UnreadCountAsync("someone", default));
    }

    [Fact]
    public async Task An_acknowledged_window_raises_nothing_and_the_note_is_audited()
    {
        var window = (await Use<GetReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, default))!.Lines
            .First(l => l is { Provider: "openai", Status: ReconciliationStatus.Mismatch });
        await _database.ExecuteAsync("delete from alerts");

        var refusal = await Use<AcknowledgeWindow>().HandleAsync(window.Provider, window.Model, window.WindowStart, window.WindowEnd, "gateway outage on the 12th", "finance@demo.finops", default);
        await Use<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, "test", default);

        Assert.Null(refusal);
        Assert.Equal(0L, await _database.ScalarAsync<long>($"select count(*) from alerts where key like 'reconciliation:openai:{window.Model}:{window.WindowStart.UtcDateTime:O}%'"));
        Assert.Contains("gateway outage on the 12th", await _database.ScalarAsync<string>("select details::text from audit_log where action = 'reconciliation.acknowledged'"));
        var again = (await Use<GetReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, default))!.Lines.Single(l => l.Provider == "openai" && l.Model == window.Model && l.WindowStart == window.WindowStart);
        Assert.Equal((ReconciliationStatus.Mismatch, "gateway outage on the 12th"), (again.Status, again.Acknowledged!.Note));
    }

    [Fact]
    public async Task A_delivery_is_signed_over_the_body_retried_after_a_failure_and_recorded()
    {
        using var listener = new LocalListener();
        var created = await Use<ManageWebhooks>().CreateAsync(listener.Url, "test", default);
        await Use<NotificationCentre>().RaiseAsync("test:one", "reconciliation.mismatch", "openai gpt-4o is mismatch", "body", "/reconciliation", new { n = 1 }, default);
        var deliveryId = Assert.Single(_scheduler.Enqueued);

        listener.Answers.Enqueue(HttpStatusCode.InternalServerError);
        await Assert.ThrowsAsync<WebhookDeliveryFailed>(() => Use<DeliverWebhook>().HandleAsync(deliveryId, finalAttempt: false, default));
        Assert.Equal("Retrying", await _database.ScalarAsync<string>($"select status from webhook_deliveries where id = {deliveryId}"));
        listener.Answers.Enqueue(HttpStatusCode.OK);
        await Use<DeliverWebhook>().HandleAsync(deliveryId, finalAttempt: false, default);

        Assert.Equal(("Delivered", 2L, 200L), (await _database.ScalarAsync<string>($"select status from webhook_deliveries where id = {deliveryId}"),
            await _database.ScalarAsync<long>($"select attempts from webhook_deliveries where id = {deliveryId}"),
            await _database.ScalarAsync<long>($"select last_status_code from webhook_deliveries where id = {deliveryId}")));
        Assert.Equal(2, listener.Received.Count);
        foreach (var (body, headers) in listener.Received)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(created.Secret), Encoding.UTF8.GetBytes(body)));
            Assert.Equal(expected, headers["X-FinOps-Signature"]);
            Assert.Equal("reconciliation.mismatch", headers["X-FinOps-Event"]);
            Assert.Contains("\"title\":\"openai gpt-4o is mismatch\"", body);
        }
    }

    [Fact]
    public async Task The_last_attempt_marks_the_delivery_failed_and_retries_back_off_exponentially()
    {
        using var listener = new LocalListener();
        await Use<ManageWebhooks>().CreateAsync(listener.Url, "test", default);
        await Use<NotificationCentre>().RaiseAsync("test:two", "test", "t", "b", "/", new { }, default);
        listener.Answers.Enqueue(HttpStatusCode.BadGateway);

        await Use<DeliverWebhook>().HandleAsync(Assert.Single(_scheduler.Enqueued), finalAttempt: true, default);

        Assert.Equal("Failed", await _database.ScalarAsync<string>("select status from webhook_deliveries"));
        var retry = typeof(DeliverWebhookJob).GetMethod(nameof(DeliverWebhookJob.RunAsync))!.GetCustomAttribute<AutomaticRetryAttribute>()!;
        Assert.Equal(DeliverWebhookJob.RetryDelaysInSeconds, retry.DelaysInSeconds);
        Assert.All(retry.DelaysInSeconds.Zip(retry.DelaysInSeconds.Skip(1)), pair => Assert.True(pair.Second >= pair.First * 3));
    }

    private T Use<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private sealed class RecordingWebhookScheduler : IWebhookScheduler
    {
        public System.Collections.Concurrent.ConcurrentBag<long> Enqueued { get; } = [];
        public void Enqueue(long deliveryId) => Enqueued.Add(deliveryId);
    }

    /// <summary>A real HTTP endpoint on a free local port that answers with the queued status codes and records what it got.</summary>
    private sealed class LocalListener : IDisposable
    {
        private readonly HttpListener _listener = new();
        public string Url { get; }
        public System.Collections.Concurrent.ConcurrentQueue<HttpStatusCode> Answers { get; } = new();
        public List<(string Body, Dictionary<string, string> Headers)> Received { get; } = [];

        public LocalListener()
        {
            var port = LoopbackPort.Free();
            Url = $"http://127.0.0.1:{port}/hook/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync();
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (Received)
                    Received.Add((body, context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase)));
                context.Response.StatusCode = (int)(Answers.TryDequeue(out var status) ? status : HttpStatusCode.OK);
                await context.Response.OutputStream.WriteAsync("ok"u8.ToArray());
                context.Response.Close();
            }
        }


        public void Dispose() => _listener.Close();
    }
}
