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

    [Fact]
    public void Reading_the_primary_shows_no_as_of()
    {
        SignInAs("pat@example.com", Roles.TeamLead);
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "x"))));
        Assert.Empty(layout.FindAll("[data-testid=data-as-of]"));
    }

    [Theory]
    [InlineData("2026-12-03T01:40:05Z", false, 200, "Data as of 2026-12-03 01:40:05 UTC (3 min behind)")]
    [InlineData("2026-12-03T01:40:05Z", false, 12, "Data as of 2026-12-03 01:40:05 UTC (12 s behind)")]
    [InlineData("2026-12-03T01:43:25Z", true, 0, "Data as of 2026-12-03 01:43:25 UTC")]
    public void Reading_a_replica_shows_how_current_its_data_is(string asOf, bool caughtUp, int behindSeconds, string shown)
    {
        SignInAs("pat@example.com", Roles.TeamLead);
        Freshness.Value = new FinOps.Application.Abstractions.DataAsOf(DateTimeOffset.Parse(asOf), caughtUp, TimeSpan.FromSeconds(behindSeconds));
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "x"))));
        Assert.Equal(shown, layout.Find("[data-testid=data-as-of]").TextContent.Trim());
    }
}
