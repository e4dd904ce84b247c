using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>Finance administers users in the browser; the database and audit log show the result.</summary>
[Collection(AppCollection.Name)]
public class UsersPageTests(AppHost app)
{
    [Fact]
    public async Task Finance_creates_a_team_lead_for_one_tenant_then_disables_them()
    {
        var page = await app.OpenAsync("/admin/users", "finance@demo.finops");
        await Assertions.Expect(page.GetByTestId("users")).ToContainTextAsync("lead@demo.finops");

        await page.GetByTestId("new-user").ClickAsync();
        await page.GetByLabel("E-mail").FillAsync("new.lead@example.com");
        await page.GetByLabel("Initial password (12+ characters)").FillAsync("a sturdy passphrase");
        await page.GetByTestId("user-tenants").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Umbrella Health" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape"); // closes the list (long with the demo month's tenants) without closing the dialog
        await page.GetByTestId("user-save").ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "new.lead@example.com" });
        await Assertions.Expect(row).ToContainTextAsync("TeamLead");
        await Assertions.Expect(row).ToContainTextAsync("umbrella-health");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "select count(*) from audit_log where action = 'user.created' and actor = 'finance@demo.finops' and details::text like '%new.lead@example.com%'"));

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("disabled");
        Assert.True(await app.Database.ScalarAsync<bool>("select is_disabled from users where email = 'new.lead@example.com'"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_team_lead_cannot_open_user_administration()
    {
        var page = await app.OpenAsync("/tenants", "lead@demo.finops");

        var response = await page.GotoAsync(app.BaseUrl + "/admin/users");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByTestId("users")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_invited_team_lead_sets_a_password_through_the_link_and_signs_in()
    {
        var finance = await app.OpenAsync("/admin/users", "finance@demo.finops");
        await finance.GetByTestId("invite-user").ClickAsync();
        await finance.GetByLabel("E-mail").FillAsync("invited.lead@example.com");
        await Assertions.Expect(finance.GetByTestId("user-password")).ToHaveCountAsync(0);
        await finance.GetByTestId("user-tenants").ClickAsync();
        await finance.GetByRole(AriaRole.Option, new() { Name = "Initech" }).ClickAsync();
        await finance.Keyboard.PressAsync("Escape");
        await finance.GetByTestId("user-save").ClickAsync();
        var link = await finance.Locator(".mud-dialog textarea").InputValueAsync();
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'user.invited' and details::text like '%invited.lead@example.com%'"));

        var invited = await app.OpenAnonymousAsync(new Uri(link).PathAndQuery);
        await invited.FillAsync("#password", "an invited passphrase");
        await invited.FillAsync("#confirm", "an invited passphrase");
        await invited.ClickAsync("button[type=submit]");
        await Assertions.Expect(invited.GetByTestId("login-notice")).ToBeVisibleAsync();
        await invited.FillAsync("#email", "invited.lead@example.com");
        await invited.FillAsync("#password", "an invited passphrase");
        await AppHost.SubmitSignInAsync(invited);

        await AppHost.WaitForCircuitAsync(invited);
        await Assertions.Expect(invited.GetByTestId("tenant-table")).ToContainTextAsync("Initech");
        await Assertions.Expect(invited.GetByTestId("tenant-table")).Not.ToContainTextAsync("Globex");

        var reused = await app.OpenAnonymousAsync(new Uri(link).PathAndQuery);
        await reused.FillAsync("#password", "another passphrase!");
        await reused.FillAsync("#confirm", "another passphrase!");
        await reused.ClickAsync("button[type=submit]");
        await Assertions.Expect(reused.GetByTestId("set-password-error")).ToContainTextAsync("not valid or was used already");
        await finance.Context.CloseAsync();
        await invited.Context.CloseAsync();
        await reused.Context.CloseAsync();
    }
}
