using Bunit;
using FinOps.Web.Features.Statements;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Statements;

/// <summary>The allocation overview of a generated October as finance: the identity with both sides, breakdowns and the daily chart.</summary>
public sealed class StatementsPageTests : DemoMonthPageContext
{
    [Fact]
    public void Finance_sees_the_identity_the_breakdowns_the_daily_chart_and_how_each_line_was_computed()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/statements?period=2026-10");

        var page = Render<StatementsPage>();

        page.WaitForAssertion(() => Assert.Contains("the statement lines sum to", page.Find("[data-testid=statements-identity]").TextContent));
        Assert.Contains("mud-alert-text-success", page.Find("[data-testid=statements-identity]").OuterHtml);
        Assert.Contains("vllm-a100-pool", page.Find("[data-testid=statements-by-pool]").TextContent);
        Assert.Contains("openai gpt-4o", page.Find("[data-testid=statements-by-model]").TextContent);
        Assert.NotNull(page.Find("[data-testid=statements-daily]"));
        Assert.Contains("gpu_seconds", page.Find("[data-testid=statements-lines]").TextContent);
        Assert.Equal(page.Find("[data-testid=statements-total]").TextContent, page.Find("[data-testid=statements-lines-total]").TextContent);
        Assert.EndsWith(" USD", page.Find("[data-testid=statements-total]").TextContent);

        // The rows behind the pool line: the vLLM pool's infra costs, file and line.
        var poolLine = page.FindAll("[data-testid=statements-lines] tr").First(r => r.TextContent.Contains("vllm-a100-pool"));
        poolLine.QuerySelector("[data-testid=line-sources-toggle]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("infra-costs.csv", page.Find("[data-testid=line-sources]").TextContent));
        Assert.Contains("GpuHours", page.Find("[data-testid=line-sources]").TextContent);
    }

    [Fact]
    public async Task With_a_tenant_the_headline_tables_and_cost_per_million_tokens_are_that_tenants_own()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/statements?period=2026-10&tenant=acme-retail");

        var page = Render<StatementsPage>();

        page.WaitForAssertion(() => Assert.Contains("Total of acme-retail", page.Find("[data-testid=statements-total]").Parent!.TextContent), TimeSpan.FromSeconds(30));
        var lineTotal = Money(page.Find("[data-testid=statements-lines-total]").TextContent);
        Assert.Equal(lineTotal, Money(page.Find("[data-testid=statements-total]").TextContent));
        Assert.All(page.FindAll("[data-testid=statements-lines] tbody tr td:first-child"), cell => Assert.Equal("acme-retail", cell.TextContent));
        var tenantRows = page.FindAll("[data-testid=statements-tenants] tbody tr");
        var row = Assert.Single(tenantRows);

        // Cost per 1M tokens over every token acme-retail logged in October, the self-hosted pool's included.
        var tokens = await Database.ScalarAsync<long>("""
            select sum(h.input_tokens + h.output_tokens) from usage_hourly h join tenants t on t.id = h.tenant_id
            where t.slug = 'acme-retail' and h.hour >= '2026-10-01' and h.hour < '2026-11-01'
            """);
        Assert.True(await Database.ScalarAsync<long>("""
            select count(*) from usage_hourly h join tenants t on t.id = h.tenant_id where t.slug = 'acme-retail' and h.deployment = 'vllm-a100-pool'
            """) > 0);
        var expected = decimal.Round(lineTotal / tokens * 1_000_000m, 2, MidpointRounding.ToEven);
        Assert.Equal(expected.ToString("N2"), row.QuerySelector("[data-testid=cost-per-million]")!.TextContent);
    }

    [Fact]
    public void A_malformed_period_is_explained_instead_of_failing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/statements?period=garbage");

        var page = Render<StatementsPage>();

        page.WaitForAssertion(() => Assert.Contains("'garbage' is not a period", page.Find("[data-testid=period-problem]").TextContent), TimeSpan.FromSeconds(30));
    }

    private static decimal Money(string text) => decimal.Parse(text.Split(' ')[0], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.CurrentCulture);
}
