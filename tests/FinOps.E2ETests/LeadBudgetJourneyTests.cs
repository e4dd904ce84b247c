using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>A team lead sets a budget for one of their features this month and reads the day it is forecast to cross.</summary>
[Collection(AppCollection.Name)]
public class LeadBudgetJourneyTests(AppHost app)
{
    private const string Lead = "lead@demo.finops";

    [Fact]
    public async Task A_team_lead_sets_a_feature_budget_and_sees_the_day_its_forecast_crosses_it()
    {
        // The lead's tenant keeps using its feature up to yesterday, so this month has a history to forecast from.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-40);
        var rows = new List<UsageRow>();
        for (var day = from; day < today; day = day.AddDays(1))
            for (var i = 0; i < 20; i++)
                rows.Add(new UsageRow("acme-retail", "budget-journey", "openai", "gpt-4o", new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(13 * i),
                    $"lead-journey-{day:yyyyMMdd}-{i}", 1200, 300));
        await UsageRows.CopyAsync(app.Database, rows);

        var page = await app.OpenAsync("/budgets", Lead);
        await Assertions.Expect(page.GetByTestId("budget-form")).ToBeVisibleAsync();
        await page.GetByTestId("budget-tenant").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Acme Retail" }).ClickAsync();
        await page.GetByTestId("budget-feature").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "budget-journey" }).ClickAsync();
        var amount = page.Locator("input[data-testid=budget-amount], [data-testid=budget-amount] input").First;
        await amount.FillAsync("1");
        await amount.PressAsync("Tab");
        await page.GetByTestId("budget-save").ClickAsync();

        var row = page.GetByTestId("budget-row").Filter(new() { HasText = "budget-journey" });
        // On a month's first day no day of it has ended yet: there is nothing to forecast from, and the page says so.
        await Assertions.Expect(row).ToContainTextAsync(today.Day == 1 ? "Not enough history" : "expected to cross on");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("select count(*) from audit_log where action = 'budget.added' and entity_id = 'acme-retail/budget-journey'"));
        await page.Context.CloseAsync();
    }
}
