using Bunit;
using FinOps.Domain.Access;
using FinOps.Web.Components.Layout;

namespace FinOps.Web.Tests.Shell;

public class NavMenuTests : ShellTestContext
{
    private static readonly string[] AllItems = ["nav-overview", "nav-tenants", "nav-my-tenant", "nav-unmapped", "nav-users", "nav-jobs"];

    [Theory]
    [InlineData(Roles.FinanceAdmin, new[] { "nav-overview", "nav-tenants", "nav-unmapped", "nav-users", "nav-jobs" })]
    [InlineData(Roles.TeamLead, new[] { "nav-overview", "nav-tenants" })]
    [InlineData(Roles.TenantViewer, new[] { "nav-my-tenant" })]
    public void The_navigation_shows_what_the_role_may_use_and_nothing_else(string role, string[] expected)
    {
        SignInAs("someone@example.com", role);

        var nav = Render<NavMenu>();

        var shown = AllItems.Where(item => nav.FindAll($"[data-testid={item}]").Count > 0).ToArray();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void A_user_without_a_role_sees_no_navigation()
    {
        SignInAs("norole@example.com", role: null);

        var nav = Render<NavMenu>();

        Assert.All(AllItems, item => Assert.Empty(nav.FindAll($"[data-testid={item}]")));
    }

    [Fact]
    public void A_signed_out_visitor_sees_no_navigation()
    {
        SignedOut();

        var nav = Render<NavMenu>();

        Assert.All(AllItems, item => Assert.Empty(nav.FindAll($"[data-testid={item}]")));
    }
}
