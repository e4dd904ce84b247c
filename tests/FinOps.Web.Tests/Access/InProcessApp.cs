using System.Net;
using System.Text.RegularExpressions;
using FinOps.Application.Demo;
using FinOps.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Access;

/// <summary>
/// The real app in-process (TestServer) over a demo database with usage for every tenant: its endpoint table can
/// be enumerated, and users sign in through the real form post.
/// </summary>
public sealed partial class InProcessApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public TestDatabase Database { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory => _factory!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        await using (var services = TestDatabases.ServicesFor(Database.ConnectionString))
            await services.GetRequiredService<LoadDemoData>().HandleAsync(default);
        var at = DateTimeOffset.Parse("2026-10-05T09:00:00Z");
        await UsageRows.CopyAsync(Database, new[] { "acme-retail", "initech", "globex-bank", "umbrella-health" }
            .Select((tenant, i) => new UsageRow(tenant, "support-chat", "openai", "gpt-4o", at.AddHours(i), $"r-{tenant}", 1000, 100))
            .ToList());

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            // Settings, not app configuration: the app reads these while it is being built.
            .UseSetting("FINOPS_LOG_DIR", Path.Combine(Path.GetTempPath(), "finops-web-tests-logs"))
            .UseSetting("FINOPS_DB", Database.ConnectionString));
        _ = _factory.Server;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in through /account/sign-in.</summary>
    public async Task<HttpClient> SignedInClientAsync(string? email, string password = DemoUsers.Password)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (email is null) return client;

        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(form).Groups["token"].Value;
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.Contains("/account/login"))
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>
/// One in-process app for every test class that needs it: the app's Serilog bootstrap logger can be frozen once per
/// process, so two hosts must not be built side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessAppCollection : ICollectionFixture<InProcessApp>
{
    public const string Name = "in-process app";
}
