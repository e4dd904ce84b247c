using System.Globalization;
using Bunit;
using FinOps.Web.Features.Explorer;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Explorer;

/// <summary>The cost explorer over a generated October: totals equal the stored daily costs, rows add up, and the URL is the view.</summary>
public sealed class ExplorePageTests : DemoMonthPageContext
{
    private static decimal Money(string text) => decimal.Parse(text.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_bookmarked_view_restores_its_grouping_and_its_rows_add_up_to_the_stored_daily_costs()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/explore?range=period&period=2026-10&by=provider&then=model");

        var page = Render<ExplorePage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=explore-table]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10'");
        Assert.Equal(stored, Money(page.Find("[data-testid=explore-total]").TextContent));
        Assert.Equal(stored, Money(page.Find("[data-testid=explore-table-total]").TextContent));
        var rows = page.FindAll("[data-testid=explore-row-cost]").Select(c => Money(c.TextContent)).ToList();
        Assert.True(rows.Count > 3);
        Assert.Equal(stored, rows.Sum());
        Assert.Contains("Provider", page.Find("[data-testid=explore-table] thead").TextContent);
        Assert.Contains("Model", page.Find("[data-testid=explore-table] thead").TextContent);
        Assert.Contains("gpt-4o", page.Find("[data-testid=explore-table] tbody").TextContent);
        Assert.EndsWith(" USD", page.Find("[data-testid=explore-total]").TextContent);
        Assert.Equal("/api/explore.csv?range=period&period=2026-10&by=provider&then=model", page.Find("[data-testid=explore-csv]").GetAttribute("href"));
    }

    [Fact]
    public async Task Filtering_to_a_tenant_shows_its_cost_under_its_display_name_and_drilling_keeps_the_filter_in_the_url()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/explore?range=period&period=2026-10&by=feature&tenant=acme-retail");

        var page = Render<ExplorePage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=explore-table]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = 'acme-retail'");
        Assert.Equal(stored, Money(page.Find("[data-testid=explore-total]").TextContent));
        Assert.Contains("Tenant: Acme Retail", page.Find("[data-testid=explore-filters]").TextContent);
        var drill = page.FindAll("[data-testid=explore-drill]")[0].GetAttribute("href")!;
        Assert.StartsWith("/explore?range=period&period=2026-10&by=", drill);
        Assert.Contains("tenant=acme-retail", drill);
        Assert.Contains("feature=", drill);
    }

    [Fact]
    public void A_malformed_view_is_explained_in_words()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/explore?range=custom&from=2026-10-20&to=2026-10-01");

        var page = Render<ExplorePage>();

        page.WaitForAssertion(() => Assert.Contains("before it starts", page.Find("[data-testid=explore-problem]").TextContent), TimeSpan.FromMinutes(1));
    }
}
