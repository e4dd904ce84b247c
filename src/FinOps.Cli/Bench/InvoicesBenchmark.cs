using System.Diagnostics;
using System.Text.Json;
using FinOps.Application.Allocation;
using FinOps.Application.Demo;
using FinOps.Application.Invoicing;
using FinOps.Cli.Hosting;
using FinOps.Domain.Periods;
using FinOps.Infrastructure.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.Cli.Bench;

/// <summary>
/// Invoice PDFs: a generated month is loaded and closed (untimed), its drafts become <c>count</c> invoice sheets (the
/// month's tenants in turn, numbered); then (ours) every sheet drawn by our document layer, against (baseline) headless
/// Chromium printing the very same pages from HTML — the way billing tools render invoices — with one browser and one
/// tab reused, so only printing is timed. Same content, same page count per invoice (asserted). Ratio = Chromium ÷ ours.
/// </summary>
internal static class InvoicesBenchmark
{
    private const string Chromium = "/usr/bin/chromium";

    public static async Task<int> RunAsync(int count, int requests, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 10_000) throw new CliUsageException("--count: from 1 to 10,000 invoices");
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: apt-get install chromium (the benchmark's baseline)");
        return await BenchSupport.InThrowawayDatabaseAsync("invoices", async (_, services, folder) =>
        {
            BenchSupport.Log($"generating, ingesting and closing a month of {requests:N0} requests (untimed)…");
            var october = ChargePeriod.Of(2026, 10);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<LoadDemoData>().HandleAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(new DemoMonthRequest(Path.Combine(folder, "month"), 2026, 10, requests, 42), null, cancellationToken);
                var closed = await scope.ServiceProvider.GetRequiredService<ClosePeriod>().HandleAsync(october, "benchmark month", "bench", cancellationToken);
                if (!closed.Closed) throw new InvalidOperationException($"the generated month did not close: {closed.Refusal}");
            }
            var sheets = await SheetsAsync(services, october, count, cancellationToken);
            var renderer = services.GetRequiredService<IInvoiceRenderer>();
            var html = (InvoicePdf)renderer;

            // Warm both paths once (JIT, fonts, browser start) so neither pays a first-use cost in the timing.
            renderer.Render(sheets[0]);
            var ours = new int[sheets.Count];
            var oursBytes = 0L;
            var best = TimeSpan.MaxValue;
            for (var round = 1; round <= 3; round++)
            {
                var elapsed = await BenchSupport.TimeAsync($"round {round} ours: {sheets.Count} invoices drawn natively", () =>
                {
                    oursBytes = 0;
                    for (var i = 0; i < sheets.Count; i++)
                    {
                        var document = renderer.Render(sheets[i]);
                        ours[i] = document.Pages;
                        oursBytes += document.Pdf.Length;
                    }
                    return Task.CompletedTask;
                });
                best = elapsed < best ? elapsed : best;
            }

            var pages = sheets.Select(s => html.RenderHtml(s)).ToList();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            });
            var tab = await browser.NewPageAsync();
            async Task<byte[]> PrintAsync(string document)
            {
                await tab.SetContentAsync(document, new PageSetContentOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
                return await tab.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true });
            }
            await PrintAsync(pages[0].Html);
            var chromiumPages = new int[sheets.Count];
            var chromium = await BenchSupport.TimeAsync($"Chromium: {sheets.Count} invoices printed from HTML", async () =>
            {
                for (var i = 0; i < pages.Count; i++) chromiumPages[i] = PdfPages(await PrintAsync(pages[i].Html));
            });
            for (var i = 0; i < sheets.Count; i++)
                if (ours[i] != chromiumPages[i] || ours[i] != pages[i].Pages)
                    throw new InvalidOperationException($"invoice {i + 1}: {ours[i]} page(s) ours, {chromiumPages[i]} from Chromium: not the same document");

            // How command-line HTML-to-PDF renderers use a browser: one Chromium process per document (a sample of ten).
            var sample = Math.Min(10, pages.Count);
            var cold = await BenchSupport.TimeAsync($"Chromium: {sample} invoices printed by a process each (--print-to-pdf)", async () =>
            {
                for (var i = 0; i < sample; i++)
                {
                    var input = Path.Combine(folder, $"invoice-{i}.html");
                    var output = Path.Combine(folder, $"invoice-{i}.pdf");
                    await File.WriteAllTextAsync(input, pages[i].Html, cancellationToken);
                    using var process = Process.Start(new ProcessStartInfo(Chromium,
                        ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer", $"--print-to-pdf={output}", new Uri(input).AbsoluteUri])
                        { RedirectStandardError = true, RedirectStandardOutput = true })!;
                    var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
                    var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
                    await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
                    await Task.WhenAll(drainOut, drainErr);
                    if (PdfPages(await File.ReadAllBytesAsync(output, cancellationToken)) != ours[i])
                        throw new InvalidOperationException($"invoice {i + 1}: Chromium's process printed another page count than ours");
                }
            });
            var coldPerInvoice = cold.TotalMilliseconds / sample;

            var ratio = Math.Round(chromium.TotalSeconds / best.TotalSeconds, 1);
            var result = new Dictionary<string, object>
            {
                ["bench"] = "invoices",
                ["count"] = sheets.Count,
                ["pages_min"] = ours.Min(),
                ["pages_max"] = ours.Max(),
                ["ours_s"] = Math.Round(best.TotalSeconds, 3),
                ["ours_per_invoice_ms"] = Math.Round(best.TotalMilliseconds / sheets.Count, 2),
                ["ours_kb_per_invoice"] = Math.Round(oursBytes / 1024d / sheets.Count, 1),
                ["chromium_s"] = Math.Round(chromium.TotalSeconds, 3),
                ["chromium_per_invoice_ms"] = Math.Round(chromium.TotalMilliseconds / sheets.Count, 1),
                ["chromium_process_per_invoice_ms"] = Math.Round(coldPerInvoice, 1),
                // Against the strict baseline (a warm tab, only printing timed); ratio_process: against a Chromium process per invoice.
                ["ratio"] = ratio,
                ["ratio_process"] = Math.Round(coldPerInvoice / best.TotalMilliseconds * sheets.Count, 1),
                ["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1024d / 1024d, 1),
            };
            BenchSupport.Log($"ratio Chromium/ours = {ratio} (target ≥ 50); ours {result["ours_per_invoice_ms"]} ms per invoice, {best.TotalSeconds:N2} s for {sheets.Count} (target < 1 s for 100)");
            Console.Out.WriteLine(JsonSerializer.Serialize(result));
            return ExitCodes.Done;
        }, cancellationToken);
    }

    /// <summary><paramref name="count"/> sheets: the month's drafts in turn, each numbered as if finalised.</summary>
    private static async Task<List<InvoiceSheet>> SheetsAsync(IServiceProvider services, ChargePeriod period, int count, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var drafts = await scope.ServiceProvider.GetRequiredService<RenderInvoices>().DraftSheetsAsync(period, "bench", cancellationToken);
        if (drafts.Count == 0) throw new InvalidOperationException("the generated month made no invoices");
        // The issue's invoices run to 2–3 pages: the month's multi-page invoices, or all of them if none is.
        var renderer = scope.ServiceProvider.GetRequiredService<IInvoiceRenderer>();
        var longer = drafts.Where(d => renderer.Render(d).Pages >= 2).ToList();
        var pool = longer.Count > 0 ? longer : drafts.ToList();
        return Enumerable.Range(0, count).Select(i => pool[i % pool.Count] with { Number = $"INV-2026-{i + 1:D5}", IsDraft = false }).ToList();
    }

    /// <summary>Pages in a PDF written by Chromium or Skia (both list each page as an object of type /Page).</summary>
    private static int PdfPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
}
