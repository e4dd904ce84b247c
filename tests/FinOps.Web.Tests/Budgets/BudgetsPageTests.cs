using System.Globalization;
using Bunit;
using FinOps.Application.Budgets;
using FinOps.Domain.Access;
using FinOps.Domain.Ingest;
using FinOps.Web.Features.Budgets;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Budgets;

/// <summary>The budgets page over a generated October: bars with the stored cost to date, changes audited, a lead limited to feature budgets.</summary>
public class BudgetsPageTests : DemoMonthPageContext
{
    private Task SetAsync(string tenant, string? feature, decimal amount) => SetAsync(Services, tenant, feature, amount);

    /// <summary>A budget of October set by finance, as the import would.</summary>
    internal static async Task SetAsync(IServiceProvider services, string tenant, string? feature, decimal amount)
    {
        var result = await services.GetRequiredService<ManageBudgets>().ImportAsync(
            [ParsedRow<BudgetRow>.Good(1, new BudgetRow(tenant, feature, "2026-10", amount, "USD", [50m, 75m, 90m, 100m], null), "")],
            new BudgetEditor("finance", IsFinance: true), CancellationToken.None);
        Assert.False(result.Refused, string.Join("; ", result.Problems));
    }

    [Fact]
    public async Task A_budget_shows_its_scopes_stored_cost_against_its_amount_and_deleting_it_is_audited()
    {
        await SetAsync("acme-retail", null, 100m);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/budgets?period=2026-10");

        var page = Render<BudgetsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=budget-row]")), TimeSpan.FromMinutes(2));
        var stored = await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = 'acme-retail'");
        var figures = page.Find("[data-testid=budget-figures]").TextContent;
        Assert.StartsWith($"{stored.ToString("N2", CultureInfo.InvariantCulture)} USD of 100.00 USD", figures);
        Assert.Contains("Acme Retail", page.Find("[data-testid=budget-row]").TextContent);
        Assert.NotNull(page.Find("[data-testid=budget-bar]").GetAttribute("aria-label"));

        await page.InvokeAsync(() => page.Find("[data-testid=budget-delete]").Click());

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=budgets-empty]")), TimeSpan.FromMinutes(1));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'budget.deleted' and entity_id = 'acme-retail'"));
    }
}

/// <summary>The budgets page as a team lead of acme-retail.</summary>
public sealed class BudgetsPageLeadTests : DemoMonthPageContext
{
    protected override (string Email, string Role) SignedIn => ("lead@demo.finops", Roles.TeamLead);

    private Task SetAsync(string tenant, string? feature, decimal amount) => BudgetsPageTests.SetAsync(Services, tenant, feature, amount);

    [Fact]
    public async Task A_team_lead_changes_only_feature_budgets_of_their_tenants()
    {
        await SetAsync("acme-retail", null, 100m);
        var feature = await Database.ScalarAsync<string>("""
            select f.slug from usage_hourly h join features f on f.id = h.feature_id join tenants t on t.id = h.tenant_id
            where t.slug = 'acme-retail' and h.hour >= '2026-10-01' order by f.slug limit 1
            """);
        Assert.False(string.IsNullOrEmpty(feature));
        await SetAsync("acme-retail", feature, 10m);
        await SetAsync("globex-bank", null, 100m);
        Scope.Value = AccessScope.OfTenants([await Database.ScalarAsync<long>("select id from tenants where slug = 'acme-retail'")]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/budgets?period=2026-10");

        var page = Render<BudgetsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=budget-row]").Count), TimeSpan.FromMinutes(2));
        Assert.DoesNotContain("Globex", page.Markup);
        Assert.Single(page.FindAll("[data-testid=budget-delete]"));
        var refused = await Services.GetRequiredService<ManageBudgets>().DeleteAsync(
            await Database.ScalarAsync<long>("select b.id from budgets b join tenants t on t.id = b.tenant_id where t.slug = 'acme-retail' and b.feature_id is null"),
            new BudgetEditor("lead", IsFinance: false), CancellationToken.None);
        Assert.Equal("a whole tenant's budget is finance's to change", refused);
    }
}
