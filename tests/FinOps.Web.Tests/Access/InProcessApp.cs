using System.Net;
using System.Text.RegularExpressions;
using FinOps.Application.Demo;
using FinOps.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Access;

/// <summary>
/// The real app in-process, served by Kestrel on a loopback port (real HTTP, so responses are written the way a
/// browser receives them), over a demo database holding a generated November and usage for every tenant in
/// October: its endpoint table can be enumerated, and users sign in through the real form post.
/// </summary>
public sealed partial class InProcessApp : IAsyncLifetime
{
    private WebApplicationFactory<Program>? _factory;

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>
    /// The period the generated month fills: after October, which tests fill and close with data of their own
    /// (periods close in order, so a generated month before it would block that close).
    /// </summary>
    public static readonly FinOps.Domain.Periods.ChargePeriod GeneratedMonth = FinOps.Domain.Periods.ChargePeriod.Of(2026, 11);
    public WebApplicationFactory<Program> Factory => _factory!;

    /// <summary>Where Kestrel listens (a free loopback port).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabases.CreateWithDemoMonthAsync(month: GeneratedMonth.Month);
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
            .UseSetting("FINOPS_DB", Database.ConnectionString)
            // A small upload limit, so the 413 answer can be tested with a few megabytes.
            .UseSetting("FINOPS_MAX_UPLOAD_MB", "8"));
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in through /account/sign-in.</summary>
    public Task<HttpClient> SignedInClientAsync(string? email, string password = DemoUsers.Password, System.Net.CookieContainer? cookies = null) =>
        FormSignIn.ClientAsync(BaseAddress, email, password, cookies);

    /// <summary>An API key with the ingest scope, created as a job would create one (acting for the organisation).</summary>
    public async Task<string> CreateIngestKeyAsync(string name)
    {
        using var system = FinOps.Application.Access.SystemExecution.Begin();
        using var scope = Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<FinOps.Application.Access.ApiKeys.ManageApiKeys>()
            .CreateAsync(name, FinOps.Domain.Access.ApiKey.IngestScope, "test", default)).Secret;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

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
