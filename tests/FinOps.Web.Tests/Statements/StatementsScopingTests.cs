using System.Net;
using System.Text.Json;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Ingest;
using FinOps.Testing;
using FinOps.Web.Tests.Access;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Statements;

/// <summary>Every statements route through each role's scope, over a closed October split between four tenants.</summary>
[Collection(InProcessAppCollection.Name)]
public class StatementsScopingTests(InProcessApp app)
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _closed;

    /// <summary>A bill for the four tenants' October usage, its statements, and the close.</summary>
    private async Task CloseOctoberAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_closed) return;
            using var system = SystemExecution.Begin();
            await using var services = TestDatabases.ServicesFor(app.Database.ConnectionString);
            var path = Path.Combine(Directory.CreateTempSubdirectory("finops-statements-").FullName, "costs.csv");
            await File.WriteAllTextAsync(path, "start_time,end_time,amount_value,amount_currency,line_item\n2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,8.00,usd,\"gpt-4o-2024-08-06, input\"\n");
            await using (var scope = services.CreateAsyncScope())
                Assert.Equal(IngestResult.Stored, (await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, default)).Result);
            await using (var scope = services.CreateAsyncScope())
                Assert.True((await scope.ServiceProvider.GetRequiredService<ClosePeriod>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), "test data", "test", default)).Closed);
            _closed = true;
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<IReadOnlyList<string>> TenantsAsync(string? email, string query = "period=2026-10")
    {
        var client = await app.SignedInClientAsync(email);
        var response = await client.GetAsync($"/api/statements?{query}");
        if (response.StatusCode != HttpStatusCode.OK) return [$"{(int)response.StatusCode}"];
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("tenant").GetString()!).Distinct().Order().ToList();
    }

    [Fact]
    public async Task Finance_sees_every_tenant_a_lead_their_tenants_and_a_viewer_their_own_closed_period()
    {
        await CloseOctoberAsync();

        Assert.Equal(["acme-retail", "globex-bank", "initech", "umbrella-health"], await TenantsAsync("finance@demo.finops"));
        Assert.Equal(["acme-retail", "initech"], await TenantsAsync("lead@demo.finops"));
        Assert.Equal(["globex-bank"], await TenantsAsync("viewer@demo.finops"));
        Assert.Equal(["401"], await TenantsAsync(null));
        // Asking for a tenant outside one's scope is refused, as the tenant's own page refuses it — never an empty statement.
        Assert.Equal(["403"], await TenantsAsync("viewer@demo.finops", "period=2026-10&tenant=acme-retail"));
        Assert.Equal(["403"], await TenantsAsync("lead@demo.finops", "period=2026-10&tenant=globex-bank"));
        Assert.Equal(["initech"], await TenantsAsync("lead@demo.finops", "period=2026-10&tenant=initech"));
        // A malformed period is a clear 400 for every role.
        Assert.Equal(["400"], await TenantsAsync("lead@demo.finops", "period=garbage"));
        Assert.Equal(["400"], await TenantsAsync("viewer@demo.finops", "period=2026-13"));
    }

    [Fact]
    public async Task The_statements_page_and_csv_of_a_lead_show_no_other_tenant()
    {
        await CloseOctoberAsync();
        var lead = await app.SignedInClientAsync("lead@demo.finops");

        var page = await lead.GetStringAsync("/statements?period=2026-10");
        var csv = await lead.GetStringAsync("/api/statements?period=2026-10&format=csv");

        foreach (var other in new[] { "globex-bank", "umbrella-health" })
        {
            Assert.DoesNotContain(other, page);
            Assert.DoesNotContain(other, csv);
        }
        Assert.Contains("acme-retail", csv);
        Assert.StartsWith("period,tenant,feature,line_type", csv);
    }
}
