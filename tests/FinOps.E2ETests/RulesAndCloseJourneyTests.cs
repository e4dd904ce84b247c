using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>
/// Finance edits a rule, previews it, saves it, closes the period and finalises its invoices; the tenant's viewer then finds
/// and downloads its invoice, and a team lead sees only their tenants.
/// </summary>
[Collection(ClosingJourneyCollection.Name)]
public class RulesAndCloseJourneyTests(ClosingJourneyHost app)
{
    [Fact]
    public async Task Finance_saves_a_rule_closes_the_period_and_finalises_its_invoices_then_the_viewer_downloads_theirs_and_a_lead_sees_only_their_tenants()
    {
        var finance = await app.OpenAsync("/rules", "finance@demo.finops");
        await finance.SetViewportSizeAsync(1400, 1000);
        await Assertions.Expect(finance.GetByTestId("rule-pools")).ToContainTextAsync("vendor:aws");

        await finance.Locator("textarea[data-testid=rule-draft], [data-testid=rule-draft] textarea").FillAsync("""{"rules":[{"id":"demo-platform","pool":"vendor:aws","driver":"even","targets":"tenant","effective_from":"2024-01-01"}]}""");
        await finance.Locator("input[data-testid=rule-period], [data-testid=rule-period] input").FillAsync("2026-10");
        await finance.GetByTestId("rule-preview").ClickAsync();
        // The preview allocates the demo month twice: on a machine busy with other work that can take minutes.
        await Assertions.Expect(finance.GetByTestId("rule-preview-row").First).ToBeVisibleAsync(new() { Timeout = 240_000 });
        await Assertions.Expect(finance.GetByTestId("rule-previewing")).ToHaveCountAsync(0);
        Assert.Equal(await finance.GetByTestId("rule-preview-current").TextContentAsync(), await finance.GetByTestId("rule-preview-draft").TextContentAsync());
        await finance.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("rules.png") });
        await finance.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(finance.GetByTestId("rule-pools")).ToContainTextAsync("demo-platform v2");

        // Periods close in order: the sample months before the demo month first, each through the Close dialog.
        await finance.GotoAsync(app.BaseUrl + "/periods");
        await AppHost.WaitForCircuitAsync(finance);
        foreach (var period in new[] { "2026-08", "2026-09", "2026-10" })
        {
            var row = finance.Locator("tr", new() { HasText = period });
            await row.GetByTestId("close-period").ClickAsync();
            await Assertions.Expect(finance.GetByTestId("close-totals")).ToContainTextAsync(period);
            if (await finance.GetByTestId("close-blockers").CountAsync() > 0)
                await finance.Locator("textarea[data-testid=close-reason], [data-testid=close-reason] textarea").FillAsync("demo data: known faults, reviewed in reconciliation");
            await finance.GetByTestId("close-confirm").ClickAsync();
            await Assertions.Expect(row.GetByTestId("period-status")).ToHaveTextAsync("closed");
        }

        // The close drafted October's invoices: finance reviews the viewer's tenant's draft beside its PDF, then finalises them all.
        await finance.GotoAsync(app.BaseUrl + "/invoices?period=2026-10");
        await AppHost.WaitForCircuitAsync(finance);
        var globex = finance.GetByTestId("invoice-table").Locator("tr", new() { HasText = "Globex Bank" });
        await Assertions.Expect(globex.GetByTestId("invoice-number")).ToHaveTextAsync("Draft");
        var draftTotal = (await globex.GetByTestId("invoice-total").TextContentAsync())!.Trim();
        await globex.GetByTestId("review-draft").ClickAsync();
        await Assertions.Expect(finance.GetByTestId("draft-lines-total")).ToHaveTextAsync(draftTotal);
        Assert.Contains("/api/invoices/drafts/", await finance.GetByTestId("draft-frame").GetAttributeAsync("src"));
        var draftPdf = await finance.Context.APIRequest.GetAsync(app.BaseUrl + (await finance.GetByTestId("draft-pdf").GetAttributeAsync("href")));
        Assert.Equal("application/pdf", draftPdf.Headers["content-type"]);
        // Framed by the invoices page, so this site may frame it — and nobody else.
        Assert.Equal("SAMEORIGIN", draftPdf.Headers["x-frame-options"]);
        Assert.Equal("frame-ancestors 'self'", draftPdf.Headers["content-security-policy"]);
        await finance.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("invoices.png"), FullPage = true });
        var drafts = (await finance.GetByTestId("draft-count").TextContentAsync())!.Trim();
        await finance.GetByTestId("finalise-all").ClickAsync();
        await finance.GetByRole(AriaRole.Button, new() { Name = $"Finalise {drafts}" }).ClickAsync();
        await Assertions.Expect(finance.GetByTestId("draft-count")).ToHaveTextAsync("0");
        var number = (await globex.GetByTestId("invoice-number").TextContentAsync())!.Trim();
        Assert.Matches("^INV-2026-[0-9]{5}$", number);
        await finance.Context.CloseAsync();

        // The tenant's viewer finds the new invoice on their home page and downloads it: the PDF holds its number and total.
        var viewer = await app.OpenAsync("/?period=2026-10", "viewer@demo.finops");
        var invoice = viewer.GetByTestId("portal-invoice").Filter(new() { HasText = number });
        await Assertions.Expect(invoice).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("portal-invoice-total").First).ToHaveTextAsync(draftTotal);
        await Assertions.Expect(viewer.GetByTestId("portal-statement-total")).ToContainTextAsync("USD");
        var pdf = await viewer.Context.APIRequest.GetAsync(app.BaseUrl + (await invoice.GetAttributeAsync("href")));
        Assert.Equal(200, pdf.Status);
        using (var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.BodyAsync()))
        {
            var text = string.Concat(document.GetPages().Select(p => p.Text));
            Assert.Contains(number, text);
            Assert.Contains(draftTotal.Replace(" USD", ""), text);
        }
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("portal.png"), FullPage = true });
        // Another tenant's document is not there for them.
        var others = await viewer.Context.APIRequest.GetAsync(app.BaseUrl + "/api/invoices?period=2026-10");
        var listed = await others.TextAsync();
        Assert.Contains(number, listed);
        Assert.DoesNotContain("acme-retail", listed);
        await viewer.Context.CloseAsync();

        var lead = await app.OpenAsync("/statements?period=2026-10", "lead@demo.finops");
        var tenants = lead.GetByTestId("statements-tenants");
        await Assertions.Expect(tenants).ToContainTextAsync("acme-retail");
        foreach (var other in new[] { "globex-bank", "umbrella-health", "hooli", "cyberdyne" })
            await Assertions.Expect(lead.Locator("body")).Not.ToContainTextAsync(other);
        await lead.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("statements-lead.png") });
        await lead.Context.CloseAsync();
    }
}
