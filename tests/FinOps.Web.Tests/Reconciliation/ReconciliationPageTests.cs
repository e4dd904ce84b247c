using Bunit;
using FinOps.Web.Features.Reconciliation;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Reconciliation;

/// <summary>The reconciliation page over a real database holding a small generated month.</summary>
public sealed class ReconciliationPageTests : DemoMonthPageContext
{
    private IRenderedComponent<ReconciliationPage> RenderOctober()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/reconciliation?period=2026-10");
        var page = Render<ReconciliationPage>();
        page.WaitForElement("[data-testid=recon-grid]");
        return page;
    }

    [Fact]
    public async Task The_grid_colours_every_provider_model_day_by_its_status_and_shows_totals()
    {
        var page = RenderOctober();

        var cells = page.FindAll("[data-testid=grid-cell]");
        // Azure's 8-hour day skew: its days mismatch, but for a day whose small volume falls within the tolerances; each stored window is one cell.
        var azureMismatches = await Database.ScalarAsync<long>(
            "select count(*) from reconciliation_rows r join reconciliation_runs u on u.id = r.run_id join providers p on p.id = r.provider_id " +
            "where u.period = '2026-10' and p.slug = 'azure-openai' and r.status = 'Mismatch'");
        Assert.InRange(azureMismatches, 28L, 31L);
        Assert.Equal(azureMismatches, cells.Count(c => c.GetAttribute("data-provider") == "azure-openai" && c.GetAttribute("data-status") == "mismatch"));
        Assert.Equal(31, cells.Count(c => c.GetAttribute("data-model") == "(unmapped)" && c.GetAttribute("data-status") == "unlogged"));
        Assert.Contains(cells, c => c.GetAttribute("data-provider") == "anthropic" && c.GetAttribute("data-window") == "2026-10-20T00:00" && c.GetAttribute("data-status") == "mismatch");
        Assert.Contains("recon-matched", cells.First(c => c.GetAttribute("data-status") == "matched").ClassName);
        Assert.Contains("USD", page.Find("[data-testid=recon-billed-cost]").TextContent);
        Assert.EndsWith("%", page.Find("[data-testid=recon-coverage]").TextContent.Trim());
        // The generated month's teams have their OpenAI projects mapped (all but a shared one): part of the bill came by key.
        var keyed = page.Find("[data-testid=recon-key-coverage]").TextContent;
        Assert.Contains("Key coverage:", keyed);
        Assert.Matches(@"openai (?!0\.0 %)[0-9.]+ %", keyed);
    }

    [Fact]
    public void A_red_cell_drills_down_to_its_causes_bill_lines_and_requests_and_can_be_acknowledged()
    {
        var page = RenderOctober();

        page.Find("[data-testid=grid-cell][data-provider=openai][data-model=gpt-4o][data-window='2026-10-12T00:00']").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("mismatch", page.Find("[data-testid=drilldown-status]").TextContent);
            Assert.Contains("unlogged-requests", page.Find("[data-testid=drilldown-causes]").TextContent);
            Assert.Contains("openai-costs.jsonl", page.Find("[data-testid=drilldown-bills]").TextContent);
            Assert.NotEmpty(page.FindAll("[data-testid=drilldown-request]"));
            Assert.NotEmpty(page.Find("[data-testid=drilldown-usage]").TextContent);
        });

        page.Find("input[data-testid=ack-note], [data-testid=ack-note] input").Input("gateway outage: 15 % of requests lost, vendor is right");
        page.Find("[data-testid=ack-button]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("gateway outage", page.Find("[data-testid=drilldown-ack]").TextContent);
            Assert.Equal("true", page.Find("[data-testid=grid-cell][data-provider=openai][data-model=gpt-4o][data-window='2026-10-12T00:00']").GetAttribute("data-acknowledged"));
        });
    }
}
