using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>Finance follows a red cell of the demo month down to the requests behind it.</summary>
[Collection(AppCollection.Name)]
public class ReconciliationPageTests(AppHost app)
{
    [Fact]
    public async Task A_red_cell_drills_down_to_its_bill_lines_causes_and_requests()
    {
        var page = await app.OpenAsync("/reconciliation?period=2026-10", "finance@demo.finops");
        await page.SetViewportSizeAsync(1400, 1000);

        // Anthropic billed Claude Sonnet 4 at 1.5× the price on 20 October.
        var cell = page.Locator("[data-testid=grid-cell][data-provider=anthropic][data-model=claude-sonnet-4][data-window='2026-10-20T00:00']");
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-status", "mismatch");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("reconciliation.png") });
        await cell.ClickAsync();

        var drilldown = page.GetByTestId("drilldown");
        await Assertions.Expect(drilldown.GetByTestId("drilldown-causes")).ToContainTextAsync("price-difference");
        await Assertions.Expect(drilldown.GetByTestId("drilldown-causes")).ToContainTextAsync("1.50×");
        await Assertions.Expect(drilldown.GetByTestId("drilldown-bills")).ToContainTextAsync("anthropic-cost-report.json");
        await Assertions.Expect(drilldown.GetByTestId("drilldown-request").First).ToContainTextAsync("litellm");
        Assert.True(await drilldown.GetByTestId("drilldown-request").CountAsync() > 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_team_lead_sees_only_their_tenants_logged_usage_and_a_viewer_is_refused()
    {
        var lead = await app.OpenAsync("/reconciliation?period=2026-10", "lead@demo.finops");
        await Assertions.Expect(lead.GetByTestId("lead-usage")).ToBeVisibleAsync();
        Assert.Equal(0, await lead.GetByTestId("recon-grid").CountAsync());
        await lead.Context.CloseAsync();

        var viewer = await app.OpenAsync("/", "viewer@demo.finops");
        await viewer.GotoAsync(app.BaseUrl + "/reconciliation?period=2026-10");
        await Assertions.Expect(viewer.GetByTestId("access-denied")).ToBeVisibleAsync();
        await viewer.Context.CloseAsync();
    }
}
