using System.Globalization;
using Bunit;
using FinOps.Domain.Access;
using FinOps.Web.Features.Overview;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Overview;

/// <summary>The page users land on, over a generated October: money first, equal to the stored daily costs, scoped to the viewer.</summary>
public sealed class OverviewPageTests : DemoMonthPageContext
{
    private static decimal Money(string text) => decimal.Parse(text.Trim().Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Finance_lands_on_the_months_money_equal_to_the_stored_daily_costs_with_top_tenants_by_display_name()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?period=2026-10");

        var page = Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=overview-mtd]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10'");
        var estimated = await Database.ScalarAsync<decimal>("select round(sum(estimated), 2) from cost_series where period = '2026-10'");
        Assert.Equal(stored, Money(page.Find("[data-testid=overview-mtd]").TextContent));
        Assert.EndsWith("USD", page.Find("[data-testid=overview-mtd]").TextContent.Trim());
        Assert.Equal(estimated, Money(page.Find("[data-testid=overview-estimated]").TextContent.Split(':')[1]));
        Assert.Contains("Acme Retail", page.Find("[data-testid=tenant-table]").TextContent);
        Assert.DoesNotContain("(idle)", page.Find("[data-testid=tenant-table]").TextContent);
        Assert.NotNull(page.Find("[data-testid=overview-daily]"));
        Assert.Contains("Closing 2026-09", page.Find("[data-testid=overview-close]").TextContent);
        var feature = page.Find("[data-testid=top-feature]");
        Assert.StartsWith("/explore?range=period&period=2026-10&by=tenant&feature=", feature.GetAttribute("href"));
    }

    [Fact]
    public async Task A_team_lead_sees_their_tenant_only_with_cost_per_million_tokens_per_feature()
    {
        var acme = await Database.ScalarAsync<long>("select id from tenants where slug = 'acme-retail'");
        Scope.Value = AccessScope.OfTenants([acme]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?period=2026-10");

        var page = Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=overview-mtd]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = 'acme-retail'");
        Assert.Equal(stored, Money(page.Find("[data-testid=overview-mtd]").TextContent));
        Assert.Equal(["Acme Retail"], page.FindAll("[data-testid=tenant-table] tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=overview-close]"));
        Assert.Empty(page.FindAll("[data-testid=overview-coverage]"));
        var features = page.Find("[data-testid=lead-features]").TextContent;
        Assert.Contains("USD", features);
        Assert.DoesNotContain("Globex", page.Markup);
    }
}
