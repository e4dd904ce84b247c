using System.Collections.Concurrent;
using FinOps.Application.Demo;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// One web app for the browser tests of a collection — the real, built app over its own copy of a generated month
/// (a template database) — and one Chromium, Debian's, never a downloaded build. Every wait in these tests is a
/// condition with a generous hang guard (set here for every expectation and action), never a fixed sleep.
/// </summary>
public class AppHost : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private WebAppProcess? _app;
    private WebAppProcess? _worker;
    private IPlaywright? _playwright;

    /// <summary>A password the app is given but must never write to a log (trust authentication ignores it).</summary>
    public const string PasswordCanary = "canary-8f3e1d";

    public TestDatabase Database { get; private set; } = null!;
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("finops-e2e-logs-").FullName;

    /// <summary>Where the web process leaves uploads for the worker: on one host, a folder both see.</summary>
    public string SpoolDirectory { get; } = Directory.CreateTempSubdirectory("finops-e2e-spool-").FullName;

    /// <summary>Everything the app printed to stdout/stderr so far.</summary>
    public string ConsoleOutput => (_app?.Output ?? "") + "\n" + (_worker?.Output ?? "");
    public string BaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException("The app is not running.");
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"{Chromium} is missing: run the tests with infra/test.sh, which installs Debian's chromium.");

        // Hang guards, not speed requirements: a loaded 2-core machine can take tens of seconds to compute a page.
        Assertions.SetDefaultExpectTimeout(90_000);

        // The demo's users and a small generated October with its bills (reconciliation has red, orange and blue cells
        // to drill into), generated once per run into a template; then a little usage over August to October.
        Database = await TestDatabases.CreateWithDemoMonthAsync();
        await UsageRows.CopyAsync(Database, SampleUsage().ToList());
        await using (var services = TestDatabases.ServicesFor(Database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            var october = FinOps.Domain.Periods.ChargePeriod.Of(2026, 10);
            await scope.ServiceProvider.GetRequiredService<FinOps.Application.Reconciliation.RunReconciliation>()
                .HandleAsync(october, FinOps.Domain.Reconciliation.WindowKind.Day, "test", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<FinOps.Application.Allocation.ComputeStatements>().HandleAsync(october, "test", CancellationToken.None);
        }

        // The app runs as a role that owns nothing, as infra/run.sh runs it: the schema owner installs the job tables
        // and grants it what it needs, so every page, upload and job below proves those grants suffice.
        var appRole = await AppRole.EnsureAsync(Database);
        await using (var owner = TestDatabases.ServicesFor(Database.ConnectionString, configure: s =>
                         s.AddSingleton(new FinOps.Infrastructure.Persistence.DatabaseRoles(appRole, Database.ConnectionString))))
            await owner.GetRequiredService<FinOps.Application.Database.ISchemaMigrator>().MigrateAsync(null, CancellationToken.None);
        var withPassword = new Npgsql.NpgsqlConnectionStringBuilder(appRole) { Password = PasswordCanary }.ConnectionString;
        // Pages and jobs run in different processes, as a scaled-out install runs them: every upload's progress and
        // every job's effect a page shows has come from the worker through the database.
        var web = WebAppProcess.StartAsync(withPassword, LogDirectory, startupLimit: TimeSpan.FromMinutes(2), ownerConnectionString: Database.ConnectionString,
            environment: new Dictionary<string, string> { ["FINOPS_ROLE"] = "web", ["FINOPS_SPOOL_DIR"] = SpoolDirectory });
        var worker = WebAppProcess.StartAsync(withPassword, LogDirectory, startupLimit: TimeSpan.FromMinutes(2), ownerConnectionString: Database.ConnectionString,
            environment: new Dictionary<string, string> { ["FINOPS_ROLE"] = "worker", ["FINOPS_SPOOL_DIR"] = SpoolDirectory });
        try
        {
            await Task.WhenAll(web, worker);
        }
        finally
        {
            // Whichever started is kept for DisposeAsync, so a half-started pair leaves no process behind.
            (_app, _worker) = (web.IsCompletedSuccessfully ? web.Result : null, worker.IsCompletedSuccessfully ? worker.Result : null);
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _signedIn = new();

    /// <summary>A little usage over three months for the demo tenants, so pages show charts and numbers.</summary>
    private static IEnumerable<UsageRow> SampleUsage()
    {
        var start = DateTimeOffset.Parse("2026-08-01T00:00:00Z");
        (string Tenant, string Feature, int PerDay)[] mix =
            [("acme-retail", "support-chat", 5), ("initech", "code-review", 3), ("globex-bank", "doc-summarizer", 4), ("umbrella-health", "search-rerank", 2)];
        for (var day = 0; day < 92; day++)
        foreach (var (tenant, feature, perDay) in mix)
        for (var i = 0; i < perDay + day / 30; i++)
            yield return new UsageRow(tenant, feature, "openai", "gpt-4o", start.AddDays(day).AddMinutes(37 * i),
                $"{tenant}-{day}-{i}", 1200 + 10 * i, 300 + i, Cached: 200);
    }

    /// <summary>
    /// A fresh page signed in as <paramref name="email"/> at <paramref name="path"/>, returned once the Blazor
    /// circuit has made it interactive. Each user signs in through the real form once; later pages reuse the
    /// saved storage state (cookies).
    /// </summary>
    public async Task<IPage> OpenAsync(string path, string email)
    {
        var state = await _signedIn.GetOrAdd(email, e => new Lazy<Task<string>>(() => SignInAsync(e))).Value;
        var context = await NewContextAsync(new BrowserNewContextOptions { StorageState = state });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A signed-out page (its own context, no cookies).</summary>
    public async Task<IPage> OpenAnonymousAsync(string path)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        return page;
    }

    /// <summary>Submits the sign-in form and waits for the answer: the landing page, or the form again with an error.</summary>
    public static async Task SubmitSignInAsync(IPage page)
    {
        var answered = page.WaitForURLAsync(url => !url.Contains("/account/login") || url.Contains("error="));
        await page.ClickAsync("button[type=submit]");
        await answered;
    }

    /// <summary>A browser context whose actions and navigations wait up to a generous hang guard (Playwright's default is 30 s).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        page.Locator("[data-testid=circuit][data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Signs in through the login form like a person and returns the storage state to reuse.</summary>
    public async Task<string> SignInAsync(string email, string password = DemoUsers.Password)
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await SubmitSignInAsync(page);
        if (page.Url.Contains("/account/login"))
            throw new InvalidOperationException($"Sign-in as {email} failed: {await page.InnerTextAsync("body")}");
        return await context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_worker is not null) await _worker.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
        Directory.Delete(SpoolDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppHost>
{
    public const string Name = "app";
}

/// <summary>
/// An app of its own for the journey that saves rules and closes periods: what it changes (closed months, a new rule
/// version) must not reach the pages other tests look at, whichever order they run in.
/// </summary>
public sealed class ClosingJourneyHost : AppHost;

[CollectionDefinition(Name)]
public sealed class ClosingJourneyCollection : ICollectionFixture<ClosingJourneyHost>
{
    public const string Name = "closing journey";
}
