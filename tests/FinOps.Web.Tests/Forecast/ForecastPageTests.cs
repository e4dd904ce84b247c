using System.Globalization;
using Bunit;
using FinOps.Web.Features.Forecast;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Forecast;

/// <summary>The forecast view over a generated October: a scope's cost to date as stored, its forecast and band, and its backtest in words.</summary>
public sealed class ForecastPageTests : DemoMonthPageContext
{
    [Fact]
    public async Task A_tenants_forecast_shows_its_stored_cost_to_date_its_band_and_says_how_it_was_tested()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/forecast?period=2026-10&tenant=acme-retail");

        var page = Render<ForecastPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=forecast-detail]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = 'acme-retail'");
        var detail = page.Find("[data-testid=forecast-detail]").TextContent;
        Assert.Contains("Acme Retail", detail);
        Assert.Contains($"Cost to date {stored.ToString("N2", CultureInfo.InvariantCulture)} USD", detail);
        Assert.Contains("likely between", detail);
        Assert.Contains("No earlier month to test the forecast against yet", page.Find("[data-testid=forecast-backtest]").TextContent);
        Assert.True(page.FindAll("[data-testid=forecast-scope]").Count >= 8);
        Assert.DoesNotContain("acme-retail ·", page.Find("[data-testid=forecast-table]").TextContent);
    }
}
