using Microsoft.Playwright;

namespace FinOps.E2ETests;

[Collection(AppCollection.Name)]
public class OverviewPageTests(AppHost app)
{
    private const string Finance = "finance@demo.finops";

    [Fact]
    public async Task The_overview_leads_with_this_months_money_as_the_stored_daily_costs_hold_it()
    {
        var page = await app.OpenAsync("/", Finance);

        await Assertions.Expect(page.GetByTestId("overview-mtd")).ToContainTextAsync("USD", new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("tenant-table")).ToContainTextAsync("Acme Retail");
        // The page brought the month's series up to date before it drew it: what it shows is what is stored.
        var stored = await app.Database.ScalarAsync<decimal>("""
            select coalesce(round(sum(cost), 2), 0) from cost_series where period = to_char(now() at time zone 'UTC', 'YYYY-MM')
            """);
        var shown = (await page.GetByTestId("overview-mtd").InnerTextAsync()).Trim().Split(' ')[0];
        Assert.Equal(stored, decimal.Parse(shown, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture));
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
