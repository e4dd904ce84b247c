using System.Globalization;
using Bunit;
using FinOps.Web.Features.Rules;
using FinOps.Web.Tests.Shell;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Rules;

/// <summary>The what-if preview over a generated month: per tenant current vs draft, the differences cancel, nothing is saved until asked.</summary>
public sealed class RulesPageTests : DemoMonthPageContext
{
    [Fact]
    public async Task A_draft_rule_previews_per_tenant_differences_that_cancel_and_is_saved_only_on_request()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.Contains("vendor:aws", page.Find("[data-testid=rule-pools]").TextContent));
        var draft = """{"rules":[{"id":"demo-platform","pool":"vendor:aws","driver":"even","targets":"tenant","effective_from":"2024-01-01"}]}""";

        page.Find("textarea[data-testid=rule-draft], [data-testid=rule-draft] textarea").Input(draft);
        page.Find("input[data-testid=rule-period], [data-testid=rule-period] input").Input("2026-10");
        page.Find("[data-testid=rule-preview]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-preview-row]")));
        // The progress shown while allocating is gone, and Preview can be asked again.
        Assert.Empty(page.FindAll("[data-testid=rule-previewing]"));
        Assert.False(page.Find("[data-testid=rule-preview]").HasAttribute("disabled"));
        var differences = page.FindAll("[data-testid=rule-preview-row]").Select(r => decimal.Parse(r.GetAttribute("data-difference")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(0m, differences.Sum());
        Assert.Contains(differences, d => d != 0m);
        Assert.Equal(page.Find("[data-testid=rule-preview-current]").TextContent, page.Find("[data-testid=rule-preview-draft]").TextContent);
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from allocation_rules"));

        page.Find("[data-testid=rule-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("demo-platform v2", page.Find("[data-testid=rule-pools]").TextContent));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select max(version) from allocation_rules where rule_id = 'demo-platform'"));
    }

    [Fact]
    public void A_draft_with_an_unknown_driver_is_refused_with_its_reason()
    {
        var page = Render<RulesPage>();
        page.WaitForAssertion(() => Assert.Contains("vendor:aws", page.Find("[data-testid=rule-pools]").TextContent));

        page.Find("textarea[data-testid=rule-draft], [data-testid=rule-draft] textarea").Input("""{"rules":[{"pool":"vendor:aws","driver":"magic","effective_from":"2026-10-01"}]}""");
        page.Find("[data-testid=rule-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains("unknown driver 'magic'", page.Find("[data-testid=rule-problem]").TextContent));
    }
}
