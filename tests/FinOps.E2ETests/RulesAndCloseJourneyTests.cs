using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>Finance edits a rule, previews it, saves it and closes the period; a team lead then sees only their tenants.</summary>
[Collection(ClosingJourneyCollection.Name)]
public class RulesAndCloseJourneyTests(ClosingJourneyHost app)
{
    [Fact]
    public async Task Finance_previews_saves_a_rule_and_closes_the_period_then_a_lead_sees_only_their_tenants()
    {
        var finance = await app.OpenAsync("/rules", "finance@demo.finops");
        await finance.SetViewportSizeAsync(1400, 1000);
        await Assertions.Expect(finance.GetByTestId("rule-pools")).ToContainTextAsync("vendor:aws");

        await finance.Locator("textarea[data-testid=rule-draft], [data-testid=rule-draft] textarea").FillAsync("""{"rules":[{"id":"demo-platform","pool":"vendor:aws","driver":"even","targets":"tenant","effective_from":"2024-01-01"}]}""");
        await finance.Locator("input[data-testid=rule-period], [data-testid=rule-period] input").FillAsync("2026-10");
        await finance.GetByTestId("rule-preview").ClickAsync();
        await Assertions.Expect(finance.GetByTestId("rule-preview-row").First).ToBeVisibleAsync();
        Assert.Equal(await finance.GetByTestId("rule-preview-current").TextContentAsync(), await finance.GetByTestId("rule-preview-draft").TextContentAsync());
        await finance.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("rules.png") });
        await finance.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(finance.GetByTestId("rule-pools")).ToContainTextAsync("demo-platform v2");

        // Periods close in order: the sample months before the demo month first, each through the Close dialog.
        await finance.GotoAsync(app.BaseUrl + "/periods");
        await AppHost.WaitForCircuitAsync(finance);
        foreach (var period in new[] { "2026-08", "2026-09", "2026-10" })
        {
            var row = finance.Locator("tr", new() { HasText = period });
            await row.GetByTestId("close-period").ClickAsync();
            await Assertions.Expect(finance.GetByTestId("close-totals")).ToContainTextAsync(period);
            if (await finance.GetByTestId("close-blockers").CountAsync() > 0)
                await finance.Locator("textarea[data-testid=close-reason], [data-testid=close-reason] textarea").FillAsync("demo data: known faults, reviewed in reconciliation");
            await finance.GetByTestId("close-confirm").ClickAsync();
            await Assertions.Expect(row.GetByTestId("period-status")).ToHaveTextAsync("closed");
        }
        await finance.Context.CloseAsync();

        var lead = await app.OpenAsync("/statements?period=2026-10", "lead@demo.finops");
        var tenants = lead.GetByTestId("statements-tenants");
        await Assertions.Expect(tenants).ToContainTextAsync("acme-retail");
        foreach (var other in new[] { "globex-bank", "umbrella-health", "hooli", "cyberdyne" })
            await Assertions.Expect(lead.Locator("body")).Not.ToContainTextAsync(other);
        await lead.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("statements-lead.png") });
        await lead.Context.CloseAsync();
    }
}
