using System.Net;
using System.Text.Json;
using FinOps.Application.Database;
using FinOps.Application.Demo;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.ScaleOut;

/// <summary>
/// The web process reading pages and exports from a real streaming replica (pg_basebackup on loopback) while it
/// writes to the primary: what it shows is the replica's, and it says how far behind that is while the replica lags.
/// </summary>
public sealed class ReadReplicaTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Pages_and_exports_read_the_replica_and_say_how_far_behind_it_is_while_it_lags()
    {
        await using var cluster = await ReplicatedCluster.StartAsync(async primary =>
        {
            await using var services = TestDatabases.ServicesFor(primary);
            await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(null, CancellationToken.None);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LoadDemoData>().HandleAsync(CancellationToken.None);
        });
        await UsageRows.CopyAsync(cluster.PrimaryConnectionString, Requests("first", 3));
        await cluster.WaitCaughtUpAsync();

        var logs = Directory.CreateTempSubdirectory("finops-replica-logs-").FullName;
        await using var web = await WebAppProcess.StartAsync(cluster.PrimaryConnectionString, logs, HangGuard,
            environment: new Dictionary<string, string> { ["FINOPS_DB_READ"] = cluster.ReplicaConnectionString });
        using var client = await FormSignIn.ClientAsync(new Uri(web.BaseUrl), "finance@demo.finops", DemoUsers.Password);

        // Caught up: the replica's figures are the primary's, and the answer says as of when.
        var current = await TenantsAsync(client);
        Assert.Equal(3L, current.Requests);
        Assert.NotNull(current.AsOf);
        Assert.Null(current.BehindSeconds);

        // Exports and the cost pages read the replica too (a hot standby refuses any write, a temporary table included).
        foreach (var path in new[] { "/api/explore.csv", "/api/tenants/acme-retail/daily-costs.csv", "/api/workflows", "/explore", "/budgets", "/forecast",
                     "/reconciliation", "/statements", "/tenants", "/tenants/acme-retail", "/alerts", "/invoices", "/keys" })
        {
            using var read = await client.GetAsync(path);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{path}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        }
        Assert.DoesNotContain("\"@l\":\"Error\"", ReadShared(Directory.GetFiles(logs, "finops-*.json").Single()), StringComparison.Ordinal);

        // The replica stops replaying; two more requests land on the primary.
        await cluster.PauseReplayAsync();
        await UsageRows.CopyAsync(cluster.PrimaryConnectionString, Requests("second", 2));
        var lagging = await Eventually.UntilAsync(() => TenantsAsync(client), answer => answer.BehindSeconds is not null, HangGuard, "the app to see the replica lag");
        Assert.Equal(3L, lagging.Requests);
        var page = await client.GetStringAsync("/");
        Assert.Matches(@"data-testid=""data-as-of""[^>]*>(\s*<[^>]+>)*\s*Data as of \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \(\d+ (s|min) behind\)", page);

        // Replaying again, the replica catches up and the new requests appear.
        await cluster.ResumeReplayAsync();
        await cluster.WaitCaughtUpAsync();
        var caughtUp = await Eventually.UntilAsync(() => TenantsAsync(client), answer => answer.BehindSeconds is null && answer.Requests == 5, HangGuard, "the replica to catch up");
        Assert.Equal(5L, caughtUp.Requests);
        Directory.Delete(logs, recursive: true);
    }

    // The app holds its log file open; read it without locking it.
    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static IReadOnlyCollection<UsageRow> Requests(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new UsageRow("acme-retail", "support-chat", "openai", "gpt-4o",
            DateTimeOffset.UtcNow.AddMinutes(-30 - i), $"replica-{prefix}-{i}", 1000, 100)).ToList();

    private sealed record TenantsAnswer(long Requests, string? AsOf, string? BehindSeconds);

    private static async Task<TenantsAnswer> TenantsAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/tenants/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var acme = body.RootElement.EnumerateArray().Single(t => t.GetProperty("slug").GetString() == "acme-retail");
        return new TenantsAnswer(acme.GetProperty("requests").GetInt64(),
            response.Headers.TryGetValues("X-Data-As-Of", out var asOf) ? asOf.Single() : null,
            response.Headers.TryGetValues("X-Data-Behind-Seconds", out var behind) ? behind.Single() : null);
    }


}
