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
        Assert.Equal(page.Find("[data-testid=statements-total]").TextContent.Split(' ')[0], page.Find("[data-testid=statements-lines-total]").TextContent);

        // The rows behind the pool line: the vLLM pool's infra costs, file and line.
        var poolLine = page.FindAll("[data-testid=statements-lines] tr").First(r => r.TextContent.Contains("vllm-a100-pool"));
        poolLine.QuerySelector("[data-testid=line-sources-toggle]")!.Click();
        page.WaitForAssertion(() => Assert.Contains("infra-costs.csv", page.Find("[data-testid=line-sources]").TextContent));
        Assert.Contains("GpuHours", page.Find("[data-testid=line-sources]").TextContent);
    }
}
