using System.Globalization;
using Bunit;
using FinOps.Application.WhatIf;
using FinOps.Domain.Access;
using FinOps.Domain.Periods;
using FinOps.Web.Features.WhatIf;
using FinOps.Web.Features.Workflows;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Workflows;

/// <summary>The workflows page and a feature's what-if page over a generated October (its agent's runs and loop night included).</summary>
public sealed class WorkflowPagesTests : DemoMonthPageContext
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_workflows_page_shows_the_agents_executions_their_distribution_and_a_loop_traces_calls_in_order()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/workflows?period=2026-10&tenant=cyberdyne&trace=run-202610-loop-001");

        var page = Render<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trace-detail]")), Guard);
        var runs = await Database.ScalarAsync<long>("select count(distinct trace_id) from token_usage u join tenants t on t.id = u.tenant_id where t.slug = 'cyberdyne' and u.trace_id like 'run-%'");
        var loopCalls = await Database.ScalarAsync<long>("select count(*) from token_usage where trace_id = 'run-202610-loop-001'");
        Assert.Contains("plan-and-act", page.Find("[data-testid=workflows-table]").TextContent);
        Assert.Contains(await Database.ScalarAsync<string>("select display_name from tenants where slug = 'cyberdyne'"), page.Find("[data-testid=workflows-table]").TextContent);
        Assert.Contains($"{runs.ToString("N0", CultureInfo.InvariantCulture)} executions", page.Find("[data-testid=workflows-summary]").TextContent);
        Assert.NotNull(page.Find("[data-testid=workflows-distribution] svg"));
        Assert.Contains("-loop-", page.FindAll("[data-testid=trace-link]")[0].TextContent); // the costliest execution is a loop
        Assert.Contains($"{loopCalls.ToString("N0", CultureInfo.InvariantCulture)} calls over", page.Find("[data-testid=trace-summary]").TextContent);
        Assert.Contains("USD", page.Find("[data-testid=trace-summary]").TextContent);
    }

    [Fact]
    public async Task A_lead_sees_only_their_tenants_workflows_and_not_another_tenants_trace()
    {
        var ids = await Database.RowsAsync("select id from tenants where slug in ('acme-retail', 'initech')");
        Scope.Value = AccessScope.OfTenants(ids.Select(r => (long)r[0]).ToArray());
        Services.GetRequiredService<NavigationManager>().NavigateTo("/workflows?period=2026-10&trace=run-202610-loop-001");

        var page = Render<WorkflowsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=trace-missing]")), Guard);
        Assert.DoesNotContain("cyberdyne", page.Markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("plan-and-act", page.Markup);
    }

    [Fact]
    public async Task A_features_page_prefills_self_hosting_from_its_real_mix_and_compares_another_models_card()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/tenants/cyberdyne/features/agent-planner?period=2026-10");

        var page = Render<FeaturePage>(p => p.Add(x => x.Slug, "cyberdyne").Add(x => x.Feature, "agent-planner"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=selfhost-result]")), Guard);
        var input = await Database.ScalarAsync<long>("""
            select sum(h.input_tokens) from usage_hourly h join tenants t on t.id = h.tenant_id join features f on f.id = h.feature_id
            where t.slug = 'cyberdyne' and f.slug = 'agent-planner' and h.hour >= '2026-10-01' and h.hour < '2026-11-01'
            """);
        Assert.Contains($"{input.ToString("N0", CultureInfo.InvariantCulture)} input", page.Find("[data-testid=selfhost-mix]").TextContent);
        Assert.NotNull(page.Find("[data-testid=selfhost-chart] svg"));
        Assert.Contains("GPUs at the peak hour", page.Find("[data-testid=selfhost-formulas]").TextContent);

        page.Find("[data-testid=whatif-run]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=whatif-verdict]")), Guard);
        var target = (await Services.GetRequiredService<GetModelWhatIf>().TargetsAsync(ChargePeriod.Parse("2026-10"), CancellationToken.None))[0];
        var expected = await Services.GetRequiredService<GetModelWhatIf>().HandleAsync(ChargePeriod.Parse("2026-10"), target.Model, target.Provider, "cyberdyne", "agent-planner", CancellationToken.None);
        Assert.Equal($"{expected.WhatIfCost.ToString("N2", CultureInfo.InvariantCulture)} USD", page.Find("[data-testid=whatif-cost]").TextContent.Trim());
        Assert.Equal($"{expected.CurrentCost.ToString("N2", CultureInfo.InvariantCulture)} USD", page.Find("[data-testid=whatif-current]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=whatif-chart] svg"));

        // Assumptions the formulas cannot use are refused with the reason.
        page.Find("input[data-testid=selfhost-utilisation], [data-testid=selfhost-utilisation] input").Input("1.5");
        page.Find("[data-testid=selfhost-run]").Click();
        page.WaitForAssertion(() => Assert.Contains("outside (0, 1]", page.Find("[data-testid=selfhost-problem]").TextContent), Guard);
    }
}
