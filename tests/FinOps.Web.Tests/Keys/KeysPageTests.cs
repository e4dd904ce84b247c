using Bunit;
using FinOps.Web.Features.Keys;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Web.Tests.Keys;

/// <summary>
/// The vendor keys page over a generated October: every team's OpenAI project is mapped but the one two small tenants
/// share; mapping it in one step takes OpenAI's key coverage to 100 %.
/// </summary>
public sealed class KeysPageTests : DemoMonthPageContext
{
    [Fact]
    public async Task An_unmapped_project_is_listed_with_its_cost_and_mapping_it_lifts_key_coverage_and_is_audited()
    {
        var billed = await Database.ScalarAsync<decimal>("""
            select sum(l.effective_cost) from billing_lines l join providers p on p.id = l.provider_id join ingestion_files f on f.id = l.file_id
            where p.slug = 'openai' and l.superseded_by_file_id is null and l.charge_category = 'Usage' and l.model_id is not null
              and l.charge_period_start >= '2026-10-01' and l.charge_period_start < '2026-11-01' and f.kind <> 'VendorUsage' and l.tags ->> 'project_id' = 'proj_shared'
            """);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/keys?period=2026-10");

        var page = Render<KeysPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=key-table] tbody tr")), TimeSpan.FromMinutes(2));
        var row = page.FindAll("[data-testid=key-table] tbody tr").Single(r => r.TextContent.Contains("proj_shared"));
        Assert.Contains("Unmapped", row.TextContent);
        Assert.Contains(billed.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " USD", row.TextContent);
        var openai = page.FindAll("[data-testid=coverage-row]").Single(r => r.TextContent.StartsWith("openai"));
        var before = openai.QuerySelector("[data-testid=coverage-value]")!.TextContent.Trim();
        Assert.NotEqual("100.0 %", before);
        Assert.NotEqual("0.0 %", before);
        Assert.Contains("Acme Retail", page.FindAll("[data-testid=key-table] tbody tr").Single(r => r.TextContent.Contains("proj_acme_retail")).TextContent);

        // Unmapped keys come first, each with its own select, in row order.
        var unmapped = page.FindAll("[data-testid=key-table] tbody tr").Where(r => r.TextContent.Contains("Unmapped")).ToList();
        var index = unmapped.FindIndex(r => r.TextContent.Contains("proj_shared"));
        var select = page.FindComponents<MudSelect<string>>().Where(s => s.Instance.Label == "Map to…").ElementAt(index);
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("acme-retail"));

        page.WaitForAssertion(() => Assert.Contains($"(was {before})", page.FindAll("[data-testid=coverage-row]").Single(r => r.TextContent.StartsWith("openai")).TextContent),
            TimeSpan.FromMinutes(1));
        // Bedrock's principal was not touched.
        Assert.Equal("0.0 % (was 0.0 %)", page.FindAll("[data-testid=coverage-row]").Single(r => r.TextContent.StartsWith("aws-bedrock")).QuerySelector("[data-testid=coverage-value]")!.TextContent.Trim());
        var mapped = page.FindAll("[data-testid=key-table] tbody tr").Single(r => r.TextContent.Contains("proj_shared")).TextContent;
        Assert.Contains("Acme Retail", mapped);
        Assert.Equal($"100.0 % (was {before})", page.FindAll("[data-testid=coverage-row]").Single(r => r.TextContent.StartsWith("openai")).QuerySelector("[data-testid=coverage-value]")!.TextContent.Trim());
        Assert.Equal("2026-10-01", await Database.ScalarAsync<string>("select effective_from::text from vendor_attribution_keys where key_value = 'proj_shared'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'keys.imported' and actor = 'finance@demo.finops'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from vendor_attribution_keys where key_value = 'proj_shared'"));
    }
}
