using FinOps.Application.Users;
using FinOps.Domain.Access;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>Each role signs in, sees its own navigation, and is refused what is not theirs.</summary>
[Collection(AppCollection.Name)]
public class RoleJourneyTests(AppHost app)
{
    private static readonly string[] AllNavigation = ["nav-overview", "nav-tenants", "nav-my-tenant", "nav-unmapped", "nav-users", "nav-jobs"];

    [Theory]
    [InlineData("finance@demo.finops", "/", new[] { "nav-overview", "nav-tenants", "nav-unmapped", "nav-users", "nav-jobs" })]
    [InlineData("lead@demo.finops", "/", new[] { "nav-overview", "nav-tenants" })]
    [InlineData("viewer@demo.finops", "/", new[] { "nav-my-tenant" })]
    public async Task Each_role_sees_only_the_navigation_it_may_use(string email, string landing, string[] expected)
    {
        var page = await app.OpenAsync(landing, email);

        foreach (var item in AllNavigation)
        {
            var link = page.GetByTestId(item);
            if (expected.Contains(item)) await Assertions.Expect(link).ToBeVisibleAsync();
            else await Assertions.Expect(link).ToHaveCountAsync(0);
        }
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToContainTextAsync(email);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_team_lead_sees_their_tenants_and_is_refused_another_tenants_url()
    {
        var page = await app.OpenAsync("/tenants", "lead@demo.finops");
        await Assertions.Expect(page.GetByTestId("tenants")).ToContainTextAsync("Acme Retail");
        await Assertions.Expect(page.GetByTestId("tenants")).ToContainTextAsync("Initech");
        await Assertions.Expect(page.GetByTestId("tenants")).Not.ToContainTextAsync("Globex");

        var refused = await page.GotoAsync(app.BaseUrl + "/tenants/globex-bank");

        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_tenant_viewer_lands_on_their_tenants_portal_and_is_refused_spend_pages_and_other_tenants()
    {
        var page = await app.OpenAsync("/", "viewer@demo.finops");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Globex Bank");
        await Assertions.Expect(page.GetByTestId("portal-mtd")).ToContainTextAsync("USD");

        // The old address of the viewer's page still leads to it.
        await page.GotoAsync(app.BaseUrl + "/my-tenant");
        await page.WaitForURLAsync("**/tenants/globex-bank");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Globex Bank");

        var otherTenant = await page.GotoAsync(app.BaseUrl + "/tenants/acme-retail");
        Assert.Equal(403, otherTenant!.Status);
        await Assertions.Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();

        var explorer = await page.GotoAsync(app.BaseUrl + "/explore");
        Assert.Equal(403, explorer!.Status);
        Assert.Contains("/account/access-denied", page.Url);

        // The way back leads to the viewer's own start page, never to another refusal.
        await page.GetByTestId("access-denied-home").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync("Globex Bank");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_sign_in_form()
    {
        var page = await app.OpenAnonymousAsync("/tenants/acme-retail");

        Assert.Contains("/account/login", page.Url);
        Assert.Contains("returnurl=%2ftenants%2facme-retail", page.Url.ToLowerInvariant());
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_in_a_row_lock_the_account()
    {
        await using (var services = TestDatabases.ServicesFor(app.Database.ConnectionString))
        {
            var created = await services.CreateScope().ServiceProvider.GetRequiredService<IUserDirectory>().CreateAsync(
                new NewUser("lockme@example.com", null, Roles.FinanceAdmin, [], "the right passphrase"), "test", default);
            Assert.True(created.Succeeded);
        }
        var page = await app.OpenAnonymousAsync("/account/login");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.FillAsync("#email", "lockme@example.com");
            await page.FillAsync("#password", "not the passphrase");
            await AppHost.SubmitSignInAsync(page);
            // The same words whether the password is wrong or the account is now locked: the form tells no one which.
            await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
        }
        await page.FillAsync("#email", "lockme@example.com");
        await page.FillAsync("#password", "the right passphrase");
        await AppHost.SubmitSignInAsync(page);

        // Locked: even the right password is refused, with the same words.
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("not right");
        Assert.Contains("/account/login", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_overview_screenshot_for_the_readme_is_taken_as_finance()
    {
        // October: the sample month with bills, usage and alerts, so the picture shows money, charts and what blocks a close.
        var page = await app.OpenAsync("/?period=2026-10", "finance@demo.finops");
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(page.GetByTestId("tenant-table")).ToContainTextAsync("Acme Retail");
        await Assertions.Expect(page.GetByTestId("overview-daily")).ToBeVisibleAsync();

        var path = Screenshots.PathFor("overview.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });

        Assert.True(new FileInfo(path).Length > 10_000);
        await page.Context.CloseAsync();
    }
}
