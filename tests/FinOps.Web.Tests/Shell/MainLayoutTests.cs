using Bunit;
using FinOps.Domain.Access;
using FinOps.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace FinOps.Web.Tests.Shell;

public class MainLayoutTests : ShellTestContext
{
    [Theory]
    [InlineData(Roles.FinanceAdmin)]
    [InlineData(Roles.TeamLead)]
    [InlineData(Roles.TenantViewer)]
    public void The_app_bar_names_the_user_and_role_and_offers_sign_out(string role)
    {
        SignInAs("pat@example.com", role);

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page body"))));

        Assert.Contains($"pat@example.com · {role}", layout.Find("[data-testid=signed-in-as]").TextContent);
        Assert.NotNull(layout.Find("form[action='account/sign-out'] [data-testid=sign-out]"));
        Assert.Contains("page body", layout.Markup);
    }

    [Fact]
    public void The_theme_toggle_switches_to_dark_and_back()
    {
        SignInAs("pat@example.com", Roles.TeamLead);
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "x"))));

        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("Switch to light mode", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
        layout.Find("[data-testid=theme-toggle]").Click();
        Assert.Equal("Switch to dark mode", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }
}
