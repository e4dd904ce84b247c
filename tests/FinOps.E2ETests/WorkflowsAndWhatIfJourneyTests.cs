using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// In a real browser: finance follows October's costliest agent execution to its calls, then asks on the agent's
/// page what a quoted model would cost with a one-off migration, and reads the self-hosting answer; a team lead's
/// workflows page holds only their tenants.
/// </summary>
[Collection(AppCollection.Name)]
public class WorkflowsAndWhatIfJourneyTests(AppHost app)
{
    [Fact]
    public async Task Finance_follows_the_costliest_execution_to_its_calls_and_prices_the_agent_on_a_quoted_card()
    {
        var page = await app.OpenAsync("/workflows?period=2026-10&tenant=cyberdyne", "finance@demo.finops");
        await page.SetViewportSizeAsync(1280, 900);

        await Assertions.Expect(page.GetByTestId("workflows-table")).ToContainTextAsync("plan-and-act");
        var costliest = page.GetByTestId("trace-link").First;
        await Assertions.Expect(costliest).ToContainTextAsync("-loop-");
        var traceId = (await costliest.TextContentAsync())!.Trim();
        await costliest.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"trace={traceId}"));
        var calls = await app.Database.ScalarAsync<long>($"select count(*) from token_usage where trace_id = '{traceId}'");
        await Assertions.Expect(page.GetByTestId("trace-summary")).ToContainTextAsync($"{calls:N0} calls over");
        await Assertions.Expect(page.GetByTestId("trace-requests")).ToContainTextAsync("claude-sonnet-4");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("workflows.png"), FullPage = true });

        await page.GotoAsync(app.BaseUrl + "/tenants/cyberdyne/features/agent-planner?period=2026-10");
        await AppHost.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("selfhost-mix")).ToContainTextAsync("input");
        await page.GetByTestId("whatif-model").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "A card I type in…" }).ClickAsync();
        await page.Locator("input[data-testid=whatif-card-name], [data-testid=whatif-card-name] input").First.FillAsync("quoted-model");
        await page.Locator("input[data-testid=whatif-input-price], [data-testid=whatif-input-price] input").First.FillAsync("0.5");
        await page.Locator("input[data-testid=whatif-output-price], [data-testid=whatif-output-price] input").First.FillAsync("2");
        await page.Locator("input[data-testid=whatif-one-off], [data-testid=whatif-one-off] input").First.FillAsync("100");
        await page.GetByTestId("whatif-run").ClickAsync();

        await Assertions.Expect(page.GetByTestId("whatif-verdict")).ToContainTextAsync("quoted-model would cost");
        await Assertions.Expect(page.GetByTestId("whatif-verdict")).ToContainTextAsync("one-off cost is");
        await Assertions.Expect(page.GetByTestId("whatif-chart").Locator("svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("selfhost-chart").Locator("svg")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("whatif.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_leads_workflows_page_holds_only_their_tenants()
    {
        var page = await app.OpenAsync("/workflows?period=2026-10", "lead@demo.finops");

        await Assertions.Expect(page.Locator("[data-testid=workflows-table], [data-testid=workflows-empty]").First).ToBeVisibleAsync();
        Assert.DoesNotContain("cyberdyne", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }
}
