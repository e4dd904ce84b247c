using FinOps.Application.Alerts;
using FinOps.Domain.Periods;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// Finance's path through the money pages in a real browser: the overview of October, a top feature drilled into the
/// explorer, an anomaly alert followed to its days and acknowledged; a team lead setting a feature budget.
/// </summary>
[Collection(AppCollection.Name)]
public class CostPagesJourneyTests(AppHost app)
{
    private const string Finance = "finance@demo.finops";

    /// <summary>October's alerts evaluated as the job would (the generated month's runaway agent night is a cost anomaly); the anomaly to follow.</summary>
    private async Task<(string Tenant, string Feature, string Day)> AnomalyAsync()
    {
        await using var services = TestDatabases.ServicesFor(app.Database.ConnectionString);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EvaluateAlerts>().HandleAsync(ChargePeriod.Of(2026, 10), null, null, CancellationToken.None);
        var rows = await app.Database.RowsAsync("""
            select tenant, feature, crossed_on::text from alerts where kind = 'cost_anomaly' and period = '2026-10' and status = 'Open' order by score desc limit 1
            """);
        Assert.NotEmpty(rows);
        return ((string)rows[0][0], (string)rows[0][1], (string)rows[0][2]);
    }

    [Fact]
    public async Task Finance_goes_from_the_overview_to_the_explorer_and_follows_an_anomaly_to_its_day_and_acknowledges_it()
    {
        var (tenant, feature, day) = await AnomalyAsync();
        var page = await app.OpenAsync("/?period=2026-10", Finance);
        await page.SetViewportSizeAsync(1280, 900);

        await Assertions.Expect(page.GetByTestId("overview-mtd")).ToContainTextAsync("USD");
        var top = page.GetByTestId("top-feature").First;
        await Assertions.Expect(top).ToBeVisibleAsync();
        var topFeature = (await top.GetAttributeAsync("href"))!.Split("feature=")[1];

        await top.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/explore") && url.Contains($"feature={topFeature}"));
        await Assertions.Expect(page.GetByTestId("explore-row-cost").First).ToContainTextAsync("USD");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("explore.png") });

        await page.GotoAsync(app.BaseUrl + "/alerts?period=2026-10");
        await AppHost.WaitForCircuitAsync(page);
        var episode = page.GetByTestId("alert-episode").Filter(new() { HasText = $"{tenant}/{feature}" }).First;
        await Assertions.Expect(episode).ToContainTextAsync("Open");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("alerts.png") });
        var explore = await episode.GetByTestId("alert-explore").GetAttributeAsync("href");
        Assert.Contains($"to={day}", explore);
        Assert.Contains($"tenant={tenant}", explore);

        await episode.GetByTestId("alert-note").Locator("input").Or(episode.Locator("input[data-testid=alert-note]")).First.FillAsync("agent loop fixed on the 29th");
        await episode.GetByTestId("alert-ack").ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-episode").Filter(new() { HasText = $"{tenant}/{feature}" }).First).ToContainTextAsync("Acknowledged by");
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("""
            select count(*) from audit_log where action = 'alert.acknowledged' and details::text like '%agent loop fixed%'
            """));

        await page.GotoAsync(app.BaseUrl + explore);
        await AppHost.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("explore-filters")).ToContainTextAsync("Tenant:");
        await Assertions.Expect(page.GetByTestId("explore-row-cost").First).ToContainTextAsync("USD");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_fit_a_phone_and_the_forecast_and_budgets_pages_are_pictured()
    {
        // Budgets of October for the picture (set as finance would import them; another test's budgets are left alone).
        await using (var services = TestDatabases.ServicesFor(app.Database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
        {
            var rows = new[] { ("acme-retail", 25_000m), ("initech", 6_000m), ("globex-bank", 500m) }
                .Select((b, i) => FinOps.Domain.Ingest.ParsedRow<FinOps.Application.Budgets.BudgetRow>.Good(i + 2,
                    new FinOps.Application.Budgets.BudgetRow(b.Item1, null, "2026-10", b.Item2, "USD", [50m, 75m, 90m, 100m], null), ""))
                .ToList();
            var result = await scope.ServiceProvider.GetRequiredService<FinOps.Application.Budgets.ManageBudgets>()
                .ImportAsync(rows, new FinOps.Application.Budgets.BudgetEditor("finance", IsFinance: true), CancellationToken.None);
            Assert.False(result.Refused, string.Join("; ", result.Problems));
        }
        var page = await app.OpenAsync("/budgets?period=2026-10", Finance);
        await page.SetViewportSizeAsync(1280, 900);
        await Assertions.Expect(page.GetByTestId("budget-row").First).ToContainTextAsync("USD");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("budgets.png") });

        await page.GotoAsync(app.BaseUrl + "/forecast?period=2026-10");
        await AppHost.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("forecast-detail")).ToContainTextAsync("Cost to date");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("forecast.png") });

        await page.GotoAsync(app.BaseUrl + "/keys?period=2026-10");
        await AppHost.WaitForCircuitAsync(page);
        await Assertions.Expect(page.GetByTestId("key-table")).ToContainTextAsync("proj_shared");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("keys.png") });

        // 390 px wide: nothing wider than the screen (tables and charts scroll inside their own boxes).
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/?period=2026-10", "/explore?range=period&period=2026-10", "/budgets?period=2026-10", "/alerts?period=2026-10", "/forecast?period=2026-10",
                     "/invoices?period=2026-10", "/tenants/acme-retail?period=2026-10", "/keys?period=2026-10",
                     "/workflows?period=2026-10&tenant=cyberdyne&trace=run-202610-loop-001", "/tenants/cyberdyne/features/agent-planner?period=2026-10" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await AppHost.WaitForCircuitAsync(page);
            await page.Locator("h4").First.WaitForAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"{path} is {overflow} px wider than a 390 px screen");
        }
        await page.Context.CloseAsync();
    }
}
