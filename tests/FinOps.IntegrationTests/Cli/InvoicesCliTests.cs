using System.Diagnostics;
using System.Security.Cryptography;
using UglyToad.PdfPig;

namespace FinOps.IntegrationTests.Cli;

/// <summary>The invoices commands on a generated, closed month: totals against the statements export, PDFs on disk, refusals.</summary>
public sealed class InvoicesCliTests : DemoMonthCliTestBase
{
    private async Task CloseAsync()
    {
        var closed = await Cli("close", "--period", "2026-10", "--acknowledge", "generated month");
        Assert.True(closed.ExitCode == 0, closed.StdErr);
        Assert.Contains("has no billing profile", closed.StdErr);
    }

    [Fact]
    public async Task Every_tenants_invoice_total_is_the_sum_of_its_exported_statement_lines_to_the_cent()
    {
        await CloseAsync();

        var statements = Csv(await Cli("export", "statements", "--period", "2026-10"));
        var list = await Cli("invoices", "list", "--period", "2026-10", "--format", "csv");

        var expected = statements.Where(r => r["tenant"] is not ("(idle)" or "(unallocated)"))
            .GroupBy(r => r["tenant"]).Select(g => (Tenant: g.Key, Total: g.Sum(r => D(r["cost"])))).Where(t => t.Total != 0m).OrderBy(t => t.Tenant, StringComparer.Ordinal).ToList();
        Assert.Equal("number,tenant,period,status,total,currency,issued_on,due_on,credits", Header(list));
        var invoices = Csv(list);
        Assert.True(expected.Count >= 8, $"{expected.Count} tenants");
        Assert.Equal(expected, invoices.Select(r => (r["tenant"], D(r["total"]))).ToList());
        Assert.All(invoices, r => Assert.Equal(("", "draft", "2026-10", "USD"), (r["number"], r["status"], r["period"], r["currency"])));
    }

    [Fact]
    public async Task Finalise_render_and_show_write_numbered_pdfs_a_reader_can_read_and_refuse_what_cannot_be_done()
    {
        var notClosed = await Cli("invoices", "finalise", "--period", "2026-10");
        await CloseAsync();
        var drafts = await Cli("invoices", "render", "--period", "2026-10", "--tenant", "acme-retail", "--out", Path.Combine(Folder, "drafts"));
        var finalised = await Cli("invoices", "finalise", "--period", "2026-10");
        var again = await Cli("invoices", "finalise", "--period", "2026-10");
        var rendered = await Cli("invoices", "render", "--period", "2026-10", "--out", Path.Combine(Folder, "final"));
        var show = await Cli("invoices", "show", "INV-2026-00001");
        var creditDraft = await Cli("invoices", "credit", "DRAFT-2026-10-acme-retail", "--reason", "typo");
        var badLogo = await Cli("billing", "org", "set", "--file", File("org.json", """{ "legal_name": "Example Platform Ltd", "logo": "logo.png" }"""));
        System.IO.File.WriteAllText(Path.Combine(Folder, "logo.png"), "not a png");
        var notPng = await Cli("billing", "org", "set", "--file", Path.Combine(Folder, "org.json"));
        var unknownField = await Cli("billing", "org", "set", "--file", File("org-typo.json", "{\n  \"legal_name\": \"Example Platform Ltd\",\n  \"colour\": \"red\"\n}"));

        Assert.Equal((1, "finops: period 2026-10 is not closed: invoices are finalised from a closed period (./finops close --period 2026-10)"),
            (notClosed.ExitCode, notClosed.StdErr.Trim().Split('\n')[^1]));
        Assert.Equal(0, drafts.ExitCode);
        Assert.EndsWith("DRAFT-2026-10-acme-retail.pdf", drafts.StdOut.Trim());
        Assert.Equal(0, finalised.ExitCode);
        Assert.StartsWith("INV-2026-00001  ", finalised.StdOut);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to do", again.StdErr);
        Assert.Equal(1, creditDraft.ExitCode);
        Assert.Contains("a draft is not credited", creditDraft.StdErr);
        Assert.Equal(1, badLogo.ExitCode);
        Assert.Contains("org.json: logo logo.png: no such file", badLogo.StdErr);
        Assert.Equal(1, notPng.ExitCode);
        Assert.Contains("logo: the logo is not a readable PNG image", notPng.StdErr);
        Assert.Equal(1, unknownField.ExitCode);
        Assert.Contains("org-typo.json: line 3, column", unknownField.StdErr);
        Assert.Contains("unknown field 'colour'", unknownField.StdErr);

        var invoices = Csv(await Cli("invoices", "list", "--period", "2026-10", "--format", "csv"));
        var paths = rendered.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).ToList();
        Assert.Equal(invoices.Select(r => $"{r["number"]}-{r["tenant"]}.pdf").Order(), paths.Select(Path.GetFileName).Order());
        var first = invoices.Single(r => r["number"] == "INV-2026-00001");
        var path = paths.Single(p => p.EndsWith($"INV-2026-00001-{first["tenant"]}.pdf", StringComparison.Ordinal));
        var text = await PdfToTextAsync(path);
        Assert.Contains("INV-2026-00001", text);
        Assert.Contains(first["tenant"], text);
        Assert.Contains($"Total {decimal.Parse(first["total"], System.Globalization.CultureInfo.InvariantCulture):N2} USD", text);
        using (var pdf = PdfDocument.Open(path))
            Assert.Contains($"total {D(first["total"]):N2} USD", pdf.GetPage(pdf.NumberOfPages).Text);
        using (var draft = PdfDocument.Open(drafts.StdOut.Trim()))
            Assert.Contains("DRAFT", draft.GetPage(1).Text);

        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"total    {first["total"]} USD", show.StdOut);
        Assert.Contains($"sha256 {Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)))}", show.StdOut);
    }

    private string Folder => Path.GetDirectoryName(File("probe.txt", ""))!;

    private static async Task<string> PdfToTextAsync(string path)
    {
        var start = new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
