using FinOps.Application.Seeding;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// One web app for all browser tests — the real, built app over a seeded clone of the migrated template
/// database — and one Chromium, Debian's, never a downloaded build.
/// </summary>
public sealed class AppHost : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private WebAppProcess? _app;
    private IPlaywright? _playwright;

    /// <summary>A password the app is given but must never write to a log (trust authentication ignores it).</summary>
    public const string PasswordCanary = "canary-8f3e1d";

    public TestDatabase Database { get; private set; } = null!;
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("finops-e2e-logs-").FullName;

    /// <summary>Everything the app printed to stdout/stderr so far.</summary>
    public string ConsoleOutput => _app?.Output ?? "";
    public string BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("The app is not running.");
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: run the tests with infra/test.sh, which installs Debian's chromium.");

        Database = await TestDatabases.CreateMigratedAsync();
        await using (var services = TestDatabases.ServicesFor(Database.ConnectionString))
            await services.GetRequiredService<SeedReferenceData>().HandleAsync(CancellationToken.None);

        var withPassword = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { Password = PasswordCanary }.ConnectionString;
        _app = await WebAppProcess.StartAsync(withPassword, LogDirectory, startupLimit: TimeSpan.FromMinutes(2));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page at <paramref name="path"/>, returned once the Blazor circuit has made it interactive.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await page.Locator("[data-testid=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppHost>
{
    public const string Name = "app";
}
