using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Access;

/// <summary>
/// Walks every page and API route the app registers and checks that a team lead and a tenant viewer get only
/// their tenants' rows or are refused. A new route is checked the day it is added; a route with a parameter this
/// test does not know fails until it is taught what to put there.
/// </summary>
[Collection(InProcessAppCollection.Name)]
public class RouteScopingTests(InProcessApp app)
{
    /// <summary>
    /// Routes that answer without sign-in on purpose: operations probes, the sign-in flow, the API description and the
    /// error page (which must answer whoever hit an error, signed in or not; it shows no data).
    /// </summary>
    private static readonly HashSet<string> AnonymousByDesign =
        ["/healthz", "/health", "/metrics", "/account/login", "/account/sign-in", "/account/access-denied", "/account/set-password", "/openapi/{documentName}.json", "/error"];

    // What each user must never see, and a tenant slug outside their scope to put into routes.
    private static readonly string[] NotLeadsTenants = ["globex-bank", "Globex Bank", "umbrella-health", "Umbrella Health"];
    private static readonly string[] NotViewersTenants = ["acme-retail", "Acme Retail", "initech", "Initech", "umbrella-health", "Umbrella Health"];

    private IReadOnlyList<string> GetRoutes()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(route => !IsFrameworkAsset(route))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // Static files, Blazor's own script and circuit hub: no application data.
    private static bool IsFrameworkAsset(string route) =>
        route.StartsWith("/_framework") || route.StartsWith("/_content") || route.StartsWith("/_blazor") ||
        route.Contains(":file}") || route.Contains('.') && !route.Contains('{') && !route.StartsWith("/api/");

    private static string Fill(string route, string otherTenant) => route
        .Replace("{slug}", otherTenant, StringComparison.OrdinalIgnoreCase)
        // Batches and files are not tenant data: ingest routes are finance's (or an API key's) alone.
        .Replace("{id:long}", "1").Replace("{fileId:long}", "1").Replace("{period}", "2026-10")
        // A document number: whoever's it is, a caller outside its tenant gets nothing (see the invoice scope tests).
        .Replace("{number}", "INV-2026-00001")
        // A trace of cyberdyne's agent (the loop night's first), a tenant neither the lead nor the viewer may see.
        .Replace("{traceId}", "run-202611-loop-001").Replace("{Feature}", "support-chat")
        .Replace("/{**path}", "")
        .Replace("{**path}", "") is var filled && filled.Contains('{')
            ? throw new InvalidOperationException($"Route {route} has a parameter this test cannot fill: teach Fill() a value outside the caller's scope.")
            : filled + (RequiredQueries.TryGetValue(route, out var query) ? query : "");

    /// <summary>Routes that answer only with a query parameter they require (without it: 400, which shows nothing either).</summary>
    private static readonly Dictionary<string, string> RequiredQueries = new()
    {
        ["/api/whatif"] = "?period=2026-10&model=gpt-4o&provider=openai",
        ["/api/whatif/selfhost"] = "?period=2026-10&gpuHour=2.5&inputTps=8000&outputTps=900&utilisation=0.6",
        ["/api/workflows"] = "?period=2026-11",
    };

    [Fact]
    public void The_walk_covers_the_pages_and_apis_that_exist()
    {
        var routes = GetRoutes();

        Assert.Contains("/", routes);
        Assert.Contains("/tenants/{Slug}", routes);
        Assert.Contains("/api/tenants", routes);
        Assert.Contains("/api/tenants/{slug}/usage", routes);
        Assert.Contains("/api/tenants/{slug}/daily-costs.csv", routes);
        Assert.Contains("/invoices", routes);
        Assert.Contains("/api/invoices", routes);
        Assert.Contains("/api/invoices/{number}.pdf", routes);
        Assert.Contains("/api/invoices/archive.zip", routes);
        Assert.Contains("/keys", routes);
        Assert.Contains("/api/whatif", routes);
        Assert.Contains("/api/whatif/selfhost", routes);
        Assert.Contains("/api/workflows", routes);
        Assert.Contains("/api/workflows/traces/{traceId}", routes);
        Assert.Contains("/admin/users", routes);
    }

    [Theory]
    [InlineData("lead@demo.finops", "globex-bank")]
    [InlineData("viewer@demo.finops", "acme-retail")]
    public async Task Every_route_returns_only_the_callers_tenants_or_refuses(string email, string otherTenant)
    {
        var client = await app.SignedInClientAsync(email);
        var forbidden = email.StartsWith("lead") ? NotLeadsTenants : NotViewersTenants;
        var checkedRoutes = 0;

        foreach (var route in GetRoutes().Where(r => !AnonymousByDesign.Contains(r)))
        {
            var url = Fill(route, otherTenant);
            var response = await client.GetAsync(url);
            // A page may forward to another page of the caller's (/my-tenant → their tenant): check where it lands.
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } next
                && !next.OriginalString.Contains("/account/"))
            {
                url = next.OriginalString;
                response = await client.GetAsync(url);
            }
            var body = await response.Content.ReadAsStringAsync();

            // A document looked up through the caller's scope that is not theirs is not found: nothing shown, nothing confirmed.
            var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
                          || response.StatusCode == HttpStatusCode.NotFound && route.StartsWith("/api/invoices/", StringComparison.Ordinal)
                          || response.StatusCode == HttpStatusCode.NotFound && route.StartsWith("/api/workflows/traces/", StringComparison.Ordinal)
                          || response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/access-denied");
            if (!refused)
            {
                Assert.True(response.IsSuccessStatusCode, $"{email} GET {url}: {(int)response.StatusCode}");
                foreach (var name in forbidden)
                    Assert.False(body.Contains(name, StringComparison.Ordinal), $"{email} GET {url} shows '{name}'");
            }
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 6, $"only {checkedRoutes} routes walked");
    }

    [Fact]
    public async Task Finance_sees_every_tenant_so_the_walk_can_tell_a_leak()
    {
        var client = await app.SignedInClientAsync("finance@demo.finops");

        var list = await client.GetStringAsync("/api/tenants");
        var page = await client.GetStringAsync("/tenants/globex-bank");

        Assert.Contains("globex-bank", list);
        Assert.Contains("umbrella-health", list);
        Assert.Contains("Globex Bank", page);
    }

    [Fact]
    public async Task Signed_out_callers_get_nothing_but_the_sign_in_page_and_probes()
    {
        var client = await app.SignedInClientAsync(null);

        foreach (var route in GetRoutes().Where(r => !AnonymousByDesign.Contains(r)))
        {
            var response = await client.GetAsync(Fill(route, "acme-retail"));
            var toLogin = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login");
            Assert.True(toLogin || response.StatusCode == HttpStatusCode.Unauthorized, $"anonymous GET {route}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_what_if_api_reprices_only_the_callers_usage_and_refuses_another_tenant_with_the_reason()
    {
        var client = await app.SignedInClientAsync("lead@demo.finops");

        var own = await client.GetAsync("/api/whatif?period=2026-10&model=gpt-4o-mini&provider=openai&tenant=acme-retail");
        var other = await client.GetAsync("/api/whatif?period=2026-10&model=gpt-4o-mini&provider=openai&tenant=globex-bank");
        var unknown = await client.GetAsync("/api/whatif?period=2026-10&model=gpt-9");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var body = await own.Content.ReadAsStringAsync();
        Assert.Contains("\"whatIfModel\":\"gpt-4o-mini\"", body);
        Assert.Contains("\"tenant\":\"acme-retail\"", body);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Contains("tenant 'globex-bank' is not one you may see", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_trace_is_found_by_finance_and_not_by_a_lead_outside_its_tenant()
    {
        var finance = await app.SignedInClientAsync("finance@demo.finops");
        var lead = await app.SignedInClientAsync("lead@demo.finops");

        var seen = await finance.GetAsync("/api/workflows/traces/run-202611-loop-001");
        var hidden = await lead.GetAsync("/api/workflows/traces/run-202611-loop-001");
        var leadsWorkflows = await lead.GetStringAsync("/api/workflows?period=2026-11");
        var financeWorkflows = await finance.GetStringAsync("/api/workflows?period=2026-11&tenant=cyberdyne");
        var refused = await lead.GetAsync("/api/workflows?period=2026-11&tenant=cyberdyne");

        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        var trace = System.Text.Json.JsonDocument.Parse(await seen.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("plan-and-act", trace.GetProperty("workflow").GetString());
        Assert.True(trace.GetProperty("calls").GetInt32() > 200);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain("cyberdyne", leadsWorkflows);
        Assert.Contains("\"workflow\":\"plan-and-act\"", financeWorkflows);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task The_api_answers_403_for_a_tenant_outside_the_scope_and_lists_only_the_scope()
    {
        var client = await app.SignedInClientAsync("lead@demo.finops");

        var other = await client.GetAsync("/api/tenants/globex-bank/usage");
        var own = await client.GetAsync("/api/tenants/acme-retail/usage");
        var list = await client.GetStringAsync("/api/tenants");

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("acme-retail", list);
        Assert.Contains("initech", list);
        Assert.DoesNotContain("globex-bank", list);
    }
}
