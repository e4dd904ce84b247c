using System.Globalization;
using Bunit;
using FinOps.Domain.Access;
using FinOps.Web.Features.Overview;
using FinOps.Web.Features.Tenants;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Portal;

/// <summary>A tenant's portal over a generated October, as one of its team leads: its own figures, equal to the stored daily costs, and nobody else's.</summary>
public sealed class TenantPortalTests : DemoMonthPageContext
{
    protected override (string Email, string Role) SignedIn => ("lead@demo.finops", Roles.TeamLead);

    private async Task<string> StoredAsync(string tenant) => (await Database.ScalarAsync<decimal>(
        $"select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = '{tenant}'")).ToString("N2", CultureInfo.InvariantCulture) + " USD";

    [Fact]
    public async Task A_leads_tenant_page_shows_its_month_to_date_and_models_equal_to_the_stored_daily_costs_and_no_other_tenant()
    {
        Scope.Value = AccessScope.OfTenants([await Database.ScalarAsync<long>("select id from tenants where slug = 'acme-retail'")]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/tenants/acme-retail?period=2026-10");

        var page = Render<TenantPage>(p => p.Add(x => x.Slug, "acme-retail"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=portal-mtd]")), TimeSpan.FromMinutes(2));
        var stored = await StoredAsync("acme-retail");
        Assert.Equal(stored, page.Find("[data-testid=portal-mtd]").TextContent);
        Assert.Equal(stored, page.Find("[data-testid=portal-models-total]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll("[data-testid=portal-model-cost]"));
        Assert.Equal("/api/tenants/acme-retail/daily-costs.csv?period=2026-10", page.Find("[data-testid=portal-daily-csv]").GetAttribute("href"));
        foreach (var other in new[] { "Globex", "globex-bank", "Initech", "umbrella" }) Assert.DoesNotContain(other, page.Markup);
    }

    [Fact]
    public async Task Another_tenants_page_is_refused_to_a_lead()
    {
        Scope.Value = AccessScope.OfTenants([await Database.ScalarAsync<long>("select id from tenants where slug = 'acme-retail'")]);

        Services.GetRequiredService<NavigationManager>().NavigateTo("/tenants/globex-bank?period=2026-10");

        var page = Render<TenantPage>(p => p.Add(x => x.Slug, "globex-bank"));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=access-denied]")), TimeSpan.FromMinutes(2));
        Assert.DoesNotContain("portal-mtd", page.Markup);
    }
}

/// <summary>A tenant viewer's home page is its tenant's portal.</summary>
public sealed class TenantViewerHomeTests : DemoMonthPageContext
{
    protected override (string Email, string Role) SignedIn => ("viewer@demo.finops", Roles.TenantViewer);

    [Fact]
    public async Task The_viewers_home_is_its_tenants_portal_with_its_own_figures_only()
    {
        Scope.Value = AccessScope.OfTenants([await Database.ScalarAsync<long>("select id from tenants where slug = 'globex-bank'")]);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?period=2026-10");

        var page = Render<OverviewPage>();

        page.WaitForAssertion(() => Assert.Equal("Globex Bank", page.Find("[data-testid=tenant-name]").TextContent), TimeSpan.FromMinutes(2));
        var stored = (await Database.ScalarAsync<decimal>("select round(sum(cost), 2) from cost_series where period = '2026-10' and tenant = 'globex-bank'"))
            .ToString("N2", CultureInfo.InvariantCulture);
        Assert.Equal($"{stored} USD", page.Find("[data-testid=portal-mtd]").TextContent);
        foreach (var other in new[] { "Acme", "acme-retail", "Initech", "umbrella", "overview-coverage" }) Assert.DoesNotContain(other, page.Markup);
    }
}
