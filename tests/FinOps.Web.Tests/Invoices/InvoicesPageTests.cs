using System.Globalization;
using System.IO.Compression;
using Bunit;
using FinOps.Application.Allocation;
using FinOps.Application.Invoicing;
using FinOps.Domain.Periods;
using FinOps.Web.Features.Invoices;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UglyToad.PdfPig;

namespace FinOps.Web.Tests.Invoices;

/// <summary>The invoices page over a generated October, closed: finalise every draft, credit one and reissue it, and the period's ZIP.</summary>
public sealed class InvoicesPageTests : DemoMonthPageContext
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);

    private async Task CloseOctoberAsync()
    {
        var closed = await Services.GetRequiredService<ClosePeriod>().HandleAsync(October, "generated test month: its faults are on purpose", "finance", CancellationToken.None);
        Assert.True(closed.Closed, closed.Refusal);
    }

    private IRenderedComponent<InvoicesPage> Open()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/invoices?period=2026-10");
        var page = Render<InvoicesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=invoice-number]")), TimeSpan.FromMinutes(2));
        return page;
    }

    [Fact]
    public async Task Finalising_all_names_the_count_and_total_then_numbers_every_draft()
    {
        await CloseOctoberAsync();
        var drafts = await Database.ScalarAsync<long>("select count(*) from invoices where period = '2026-10' and status = 'Draft'");
        var total = await Database.ScalarAsync<decimal>("select sum(total) from invoices where period = '2026-10'");
        Assert.True(drafts > 1);
        var dialogs = Render<MudDialogProvider>();
        var page = Open();
        Assert.Equal(drafts.ToString(CultureInfo.InvariantCulture), page.Find("[data-testid=draft-count]").TextContent);
        Assert.Contains(total.ToString("N2", CultureInfo.InvariantCulture) + " USD", page.Find("[data-testid=draft-total]").TextContent);
        // No tenant of the generated month has a billing profile: each is flagged before finalising.
        Assert.Contains($"{drafts} tenants have no billing profile", page.Find("[data-testid=missing-profiles]").TextContent);

        await page.InvokeAsync(() => page.Find("[data-testid=finalise-all]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Finalise {drafts} draft invoices of 2026-10 totalling {total.ToString("N2", CultureInfo.InvariantCulture)} USD",
            dialogs.Markup), TimeSpan.FromMinutes(1));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == $"Finalise {drafts}").Click());

        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=draft-count]").TextContent), TimeSpan.FromMinutes(2));
        var numbers = page.FindAll("[data-testid=invoice-number]").Select(n => n.TextContent).Order().ToList();
        Assert.Equal(Enumerable.Range(1, (int)drafts).Select(i => $"INV-2026-{i:D5}"), numbers);
        Assert.Contains(total.ToString("N2", CultureInfo.InvariantCulture), page.Find("[data-testid=invoiced-total]").TextContent);
        Assert.Equal(drafts, await Database.ScalarAsync<long>("select count(*) from invoice_documents where invoice_id is not null"));
    }

    [Fact]
    public async Task Crediting_with_a_reissue_leaves_the_credit_note_beside_the_invoice_and_a_new_draft()
    {
        await CloseOctoberAsync();
        var first = await Services.GetRequiredService<FinaliseInvoices>().HandleAsync(October, "acme-retail", "finance", CancellationToken.None);
        var invoice = Assert.Single(first.Finalised);
        var dialogs = Render<MudDialogProvider>();
        var page = Open();
        var row = page.FindAll("tr").Single(r => r.TextContent.Contains(invoice.Number));

        await page.InvokeAsync(() => row.QuerySelector("[data-testid=credit-invoice]")!.Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=credit-dialog]")), TimeSpan.FromMinutes(1));
        Assert.True(dialogs.Find("[data-testid=credit-confirm]").HasAttribute("disabled"));
        await dialogs.InvokeAsync(() => dialogs.Find("textarea[data-testid=credit-reason], [data-testid=credit-reason] textarea").Input("wrong rule applied to support chat"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=credit-reissue], [data-testid=credit-reissue] input").Change(true));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=credit-confirm]").Click());

        page.WaitForAssertion(() => Assert.Contains("Credited by CN-2026-00001", page.Markup), TimeSpan.FromMinutes(2));
        Assert.Contains("Draft (reissue)", page.Markup);
        Assert.Equal("wrong rule applied to support chat", await Database.ScalarAsync<string>("select reason from credit_notes where number = 'CN-2026-00001'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>($"select count(*) from invoices where reissue_of is not null and status = 'Draft' and tenant = 'acme-retail'"));
    }

    [Fact]
    public async Task A_tenants_billing_profile_is_validated_saved_audited_and_its_draft_no_longer_flagged()
    {
        await CloseOctoberAsync();
        var dialogs = Render<MudDialogProvider>();
        var page = Open();
        var flagged = page.FindAll("[data-testid=no-profile]").Count;
        Assert.True(flagged > 0);

        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Billing profiles")).Click());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=edit-tenant-profile]")), TimeSpan.FromMinutes(1));
        var row = page.FindAll("[data-testid=tenant-profiles] tr").First(r => r.TextContent.Contains("Acme Retail"));
        await page.InvokeAsync(() => row.QuerySelector("[data-testid=edit-tenant-profile]")!.Click());
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=tenant-profile-dialog]")), TimeSpan.FromMinutes(1));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=tenant-legal-name], [data-testid=tenant-legal-name] input").Input("Acme Retail GmbH"));
        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=tenant-terms], [data-testid=tenant-terms] input").Input("ninety"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=tenant-profile-save]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("is not a whole number of days", dialogs.Find("[data-testid=tenant-profile-problem]").TextContent), TimeSpan.FromMinutes(1));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from tenant_billing_profiles"));

        await dialogs.InvokeAsync(() => dialogs.Find("input[data-testid=tenant-terms], [data-testid=tenant-terms] input").Input("45"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=tenant-profile-save]").Click());

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid=tenant-profile-dialog]")), TimeSpan.FromMinutes(1));
        Assert.Equal("Acme Retail GmbH|45", await Database.ScalarAsync<string>("select legal_name || '|' || payment_terms_days from tenant_billing_profiles"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'billing.tenants.imported' and actor = 'finance@demo.finops'"));
        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "Invoices").Click());
        page.WaitForAssertion(() => Assert.Equal(flagged - 1, page.FindAll("[data-testid=no-profile]").Count), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_periods_zip_holds_every_document_under_its_own_name_each_a_readable_pdf_of_its_number()
    {
        await CloseOctoberAsync();
        var finalised = await Services.GetRequiredService<FinaliseInvoices>().HandleAsync(October, "acme-retail", "finance", CancellationToken.None);
        var number = Assert.Single(finalised.Finalised).Number;
        var (refusal, files) = await Services.GetRequiredService<RenderInvoices>().HandleAsync(October, null, "finance", CancellationToken.None);
        Assert.Null(refusal);

        using var zip = new ZipArchive(new MemoryStream(await InvoiceArchive.ZipAsync(files, CancellationToken.None)));

        Assert.Equal(files.Select(f => f.FileName).Order(), zip.Entries.Select(e => e.FullName).Order());
        Assert.Contains($"{number}-acme-retail.pdf", zip.Entries.Select(e => e.FullName));
        Assert.Contains(zip.Entries, e => e.FullName.StartsWith("DRAFT-2026-10-", StringComparison.Ordinal));
        var entry = zip.GetEntry($"{number}-acme-retail.pdf")!;
        using var buffer = new MemoryStream();
        using (var stream = entry.Open()) stream.CopyTo(buffer);
        using var pdf = PdfDocument.Open(buffer.ToArray());
        Assert.Contains(number, pdf.GetPage(1).Text);
        Assert.Equal(await Database.ScalarAsync<string>($"select d.sha256 from invoice_documents d join invoices i on i.id = d.invoice_id where i.number = '{number}'"),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.ToArray())));
    }
}
