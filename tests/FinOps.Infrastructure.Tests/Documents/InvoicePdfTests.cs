using FinOps.Application.Invoicing;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Documents;
using UglyToad.PdfPig;
using Xunit;

namespace FinOps.Infrastructure.Tests.Documents;

/// <summary>Invoices drawn by our document layer, read back with PdfPig as a tenant's PDF reader would.</summary>
public sealed class InvoicePdfTests : IClassFixture<InvoicePdfTests.Fonts>
{
    public sealed class Fonts : IDisposable
    {
        public DocumentFonts Value { get; } = new([]);
        public void Dispose() => Value.Dispose();
    }

    private readonly InvoicePdf _renderer;

    public InvoicePdfTests(Fonts fonts) => _renderer = new InvoicePdf(fonts.Value);

    internal static InvoiceSheet Sheet(int lines, string tenantName = "Acme Retail GmbH", bool draft = false, AmountStyle style = AmountStyle.Grouped,
        IReadOnlyList<SheetLine>? adjustments = null)
    {
        var rows = Enumerable.Range(1, lines).Select(i => new SheetLine($"feature-{i % 7}", $"openai × gpt-4o-{i}", $"{i * 1000:N0} in · {i * 100:N0} out", 100m + i + 0.25m, null)).ToList();
        adjustments ??= [];
        var total = rows.Sum(r => r.Amount) + adjustments.Sum(a => a.Amount);
        return new InvoiceSheet(
            "Invoice", draft ? null : "INV-2026-00042", draft, "2026-10", draft ? null : new DateOnly(2026, 11, 3), draft ? null : new DateOnly(2026, 12, 3),
            new InvoiceParty("Example Platform Ltd", "1 Main Street\nLondon", null, "GB123", null), null, "IBAN GB00 0000", "Internal chargeback — no tax",
            new InvoiceParty(tenantName, "Hauptstraße 5\nBerlin", "DE", "DE999", "ap@acme.example"), "acme-retail", "PO-77",
            Currency.USD, style, PaperSize.A4,
            rows.GroupBy(r => r.Feature).Select(g => new SheetSummaryRow(g.Key, g.Sum(r => r.Amount))).Concat(adjustments.Count > 0 ? [new SheetSummaryRow("Corrections to earlier periods", adjustments.Sum(a => a.Amount))] : []).ToList(),
            rows, adjustments, total, 12_345_678, total / 12_345_678m * 1_000_000m,
            rows.Select(r => new SheetExplanation($"{r.Feature} — {r.Item}", "Your requests used tokens; the vendor bill is shared by tokens. Source: focus-2026-10.csv lines 2–90.")).ToList(),
            null, new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_long_invoice_breaks_across_pages_repeating_the_table_header_and_numbers_its_pages()
    {
        var sheet = Sheet(120);
        var rendered = _renderer.Render(sheet);
        using var pdf = PdfDocument.Open(rendered.Pdf);
        Assert.Equal(rendered.Pages, pdf.NumberOfPages);
        Assert.True(pdf.NumberOfPages >= 3, $"{pdf.NumberOfPages} pages");
        var first = pdf.GetPage(1).Text;
        Assert.Contains("INV-2026-00042", first);
        Assert.Contains("Acme Retail GmbH", first);
        Assert.Contains($"page 1 of {pdf.NumberOfPages}", first);
        var second = pdf.GetPage(2).Text;
        Assert.Contains("Provider × model or pool", second);
        Assert.Contains("Amount (USD)", second);
        var last = pdf.GetPage(pdf.NumberOfPages).Text;
        var total = AmountFormat.Format(sheet.Total, Currency.USD, AmountStyle.Grouped);
        Assert.Contains($"total {total} USD", last);
        Assert.Contains("How these amounts were computed", string.Concat(pdf.GetPages().Select(p => p.Text)));
        Assert.Empty(rendered.Warnings);
    }

    [Fact]
    public void Names_in_latin_greek_and_cyrillic_print_as_text_and_the_same_sheet_gives_the_same_bytes()
    {
        const string name = "Åsa Öberg · Ελληνική Εταιρεία · ООО «Ромашка»";
        var sheet = Sheet(3, name, style: AmountStyle.Plain);
        var first = _renderer.Render(sheet);
        Assert.Equal(first.Pdf, _renderer.Render(sheet).Pdf);
        using var pdf = PdfDocument.Open(first.Pdf);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("Ελληνική", text);
        Assert.Contains("Ромашка", text);
        Assert.Contains("Åsa", text);
        Assert.Contains(AmountFormat.Format(sheet.Total, Currency.USD, AmountStyle.Plain), text);
        Assert.Empty(first.Warnings);
    }

    [Fact]
    public void A_draft_is_marked_on_every_page_and_has_no_number()
    {
        var rendered = _renderer.Render(Sheet(80, draft: true));
        using var pdf = PdfDocument.Open(rendered.Pdf);
        Assert.All(pdf.GetPages(), p => Assert.Contains("DRAFT", p.Text));
        Assert.Contains("none until finalised", pdf.GetPage(1).Text);
        Assert.DoesNotContain("INV-", string.Concat(pdf.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public void A_script_no_font_has_is_reported_not_dropped_silently()
    {
        var rendered = _renderer.Render(Sheet(2, "株式会社テスト"));
        Assert.Contains(rendered.Warnings, w => w.Contains("U+", StringComparison.Ordinal) && w.Contains("fonts-noto-cjk", StringComparison.Ordinal));
    }

    [Fact]
    public void Negative_corrections_have_their_own_section_and_the_total_includes_them_once()
    {
        var sheet = Sheet(4, adjustments: [new SheetLine("search", "openai × gpt-4o", "", -12.34m, "2026-09")]);
        var rendered = _renderer.Render(sheet);
        using var pdf = PdfDocument.Open(rendered.Pdf);
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Corrections to earlier periods", text);
        Assert.Contains("-12.34", text);
        Assert.Contains("2026-09", text);
        Assert.Contains($"Total {AmountFormat.Format(sheet.Total, Currency.USD, AmountStyle.Grouped)} USD", text);
    }

    [Fact]
    public void Only_a_real_png_is_a_logo()
    {
        Assert.False(_renderer.IsReadablePng("GIF89a"u8));
        Assert.False(_renderer.IsReadablePng([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]));
        Assert.True(_renderer.IsReadablePng(TinyPng()));
        var withLogo = Sheet(2) with { Logo = TinyPng() };
        using var pdf = PdfDocument.Open(_renderer.Render(withLogo).Pdf);
        Assert.NotEmpty(pdf.GetPage(1).GetImages());
    }

    internal static byte[] TinyPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(4, 4);
        bitmap.Erase(SkiaSharp.SKColors.SteelBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
