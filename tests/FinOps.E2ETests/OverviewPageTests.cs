using Microsoft.Playwright;

namespace FinOps.E2ETests;

[Collection(AppCollection.Name)]
public class OverviewPageTests(AppHost app)
{
    private const string Finance = "finance@demo.finops";

    [Fact]
    public async Task The_overview_shows_the_tenants_and_features_the_database_holds()
    {
        var tenants = await app.Database.ScalarAsync<int>("select count(*) from tenants");
        var features = await app.Database.ScalarAsync<int>("select count(*) from features");

        var page = await app.OpenAsync("/", Finance);

        Assert.Equal(tenants.ToString(), (await page.GetByTestId("tenant-count").InnerTextAsync()).Trim());
        Assert.Equal(features.ToString(), (await page.GetByTestId("feature-count").InnerTextAsync()).Trim());
        await Assertions.Expect(page.GetByTestId("tenant-table")).ToContainTextAsync("Acme Retail");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_shell_switches_between_light_and_dark_through_the_circuit()
    {
        var page = await app.OpenAsync("/", Finance);
        var toggle = page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark mode");

        await toggle.ClickAsync();

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light mode");
        await page.Context.CloseAsync();
    }
}
