using System.Globalization;
using FinOps.Application.Invoicing;
using FinOps.Domain.Invoicing;
using SkiaSharp;

namespace FinOps.Infrastructure.Documents;

/// <summary>
/// Lays an <see cref="InvoiceSheet"/> out on our document layer: parties and dates, a summary by feature, the lines
/// (a table repeating its header on every page), corrections of earlier periods, the total with the effective cost per
/// 1M tokens, and an appendix saying how each amount was computed. Same sheet, same bytes (fixed metadata dates).
/// </summary>
public sealed class InvoicePdf(DocumentFonts fonts) : IInvoiceRenderer
{
    private const float Body = 8.5f;
    private static readonly SKColor Muted = new(0x44, 0x44, 0x44);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public RenderedDocument Render(InvoiceSheet sheet)
    {
        var (doc, metadata, decorate) = Layout(sheet);
        var pdf = doc.Write(metadata, decorate);
        var warnings = doc.Missing.Count > 0 ? new[] { DocumentFonts.Describe(doc.Missing.ToHashSet()) } : [];
        return new RenderedDocument(pdf, doc.PageCount, warnings);
    }

    /// <summary>The same pages as HTML for a browser to print (the benchmark's baseline), with their page count.</summary>
    public (string Html, int Pages) RenderHtml(InvoiceSheet sheet)
    {
        var (doc, metadata, decorate) = Layout(sheet);
        return (doc.ToHtml(metadata.Title ?? "Invoice", decorate), doc.PageCount);
    }

    private (FlowDocument, SKDocumentPdfMetadata, Action<FlowPage>) Layout(InvoiceSheet sheet)
    {
        var doc = new FlowDocument(fonts, sheet.Paper.Width, sheet.Paper.Height, margin: 42f, footerHeight: 26f);
        string Amount(decimal value) => AmountFormat.Format(value, sheet.Currency, sheet.AmountStyle);
        var code = sheet.Currency.Code;

        Header(doc, sheet);
        doc.Gap(10);
        Parties(doc, sheet);
        doc.Gap(12);

        doc.Paragraph("Summary by feature", 11, bold: true);
        doc.Gap(2);
        doc.Table([new TableColumn("Feature", 3), new TableColumn($"Amount ({code})", 1.2f, CellAlign.Right)],
            sheet.SummaryByFeature.Select(r => (IReadOnlyList<string>)[r.Feature, Amount(r.Amount)]), Body,
            footer: ["Total", Amount(sheet.Total)]);
        doc.Gap(12);

        doc.Paragraph("Lines", 11, bold: true);
        doc.Gap(2);
        doc.Table(
            [new TableColumn("Feature", 1.3f), new TableColumn("Provider × model or pool", 2f), new TableColumn("Basis", 2.6f), new TableColumn($"Amount ({code})", 1.1f, CellAlign.Right)],
            sheet.Lines.Select(l => (IReadOnlyList<string>)[l.Feature, l.Item, l.Basis, Amount(l.Amount)]), Body,
            footer: ["", "", "Lines total", Amount(sheet.LinesTotal)]);

        if (sheet.Adjustments.Count > 0)
        {
            doc.Gap(12);
            doc.Paragraph("Corrections to earlier periods", 11, bold: true);
            doc.Paragraph("Data that arrived after those periods were closed; each line is the exact difference it made.", Body, color: Muted);
            doc.Gap(2);
            doc.Table(
                [new TableColumn("Corrects", 0.9f), new TableColumn("Feature", 1.3f), new TableColumn("Provider × model or pool", 2f), new TableColumn("Basis", 1.7f),
                 new TableColumn($"Amount ({code})", 1.1f, CellAlign.Right)],
                sheet.Adjustments.Select(l => (IReadOnlyList<string>)[l.Corrects ?? "", l.Feature, l.Item, l.Basis, Amount(l.Amount)]), Body,
                footer: ["", "", "", "Corrections total", Amount(sheet.AdjustmentsTotal)]);
        }

        doc.Gap(12);
        doc.KeepTogether(60);
        doc.Rule(SKColors.Black, 1f);
        doc.Paragraph($"Total {Amount(sheet.Total)} {code}", 13, bold: true, align: CellAlign.Right);
        doc.Paragraph(sheet.CostPerMillionTokens is { } perMillion
            ? $"Effective cost per 1M tokens: {Amount(perMillion)} {code} ({sheet.Tokens.ToString("N0", Invariant)} tokens in the period)"
            : "Effective cost per 1M tokens: no tokens logged in the period", Body, color: Muted, align: CellAlign.Right);
        if (sheet.Note is { Length: > 0 } note) { doc.Gap(6); doc.Paragraph(note, Body + 0.5f); }
        if (sheet.RemitTo is { Length: > 0 } remit)
        {
            doc.Gap(8);
            doc.Paragraph("Payment", 9.5f, bold: true);
            doc.Paragraph(remit, Body);
        }

        if (sheet.Appendix.Count > 0)
        {
            doc.Gap(16);
            doc.KeepTogether(60);
            doc.Paragraph("How these amounts were computed", 11, bold: true);
            doc.Gap(2);
            foreach (var (entry, i) in sheet.Appendix.Select((e, i) => (e, i)))
            {
                doc.KeepTogether(2 * Body * 1.3f);
                doc.Paragraph($"{i + 1}. {entry.Line}", Body, bold: true);
                doc.Paragraph(entry.Text, Body, x: doc.Left + 10, width: doc.Width - 10);
                doc.Gap(3);
            }
        }

        var title = DocumentTitle(sheet);
        var footer = sheet.Footer ?? "";
        var date = sheet.DocumentDate.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{title} {sheet.Number ?? ""} {sheet.To.LegalName}".Trim(), Author = sheet.From.LegalName, Creator = "FinOps", Producer = "FinOps",
            Creation = date, Modified = date, RasterDpi = 150,
        };
        return (doc, metadata, page =>
        {
            var baseline = page.Document.PageHeight - page.Document.Margin;
            var width = page.Document.Width;
            var left = page.Document.Left;
            var reference = sheet.Number ?? $"DRAFT {sheet.Period} {sheet.CustomerReference}";
            page.Text(page.Number == page.Count ? $"{reference} · total {Amount(sheet.Total)} {code}" : reference, left, width * 0.6f, baseline, 7.5f, false, Muted);
            page.Text($"page {page.Number} of {page.Count}", left, width, baseline, 7.5f, false, Muted, CellAlign.Right);
            if (footer.Length > 0) page.Text(footer, left, width, baseline + 10, 7f, false, Muted);
            if (sheet.IsDraft)
                page.Text("DRAFT", page.Document.PageWidth / 2 - 180, 360, page.Document.PageHeight / 2 + 40, 110, true, new SKColor(0xD0, 0x30, 0x30, 0x38),
                    CellAlign.Left, rotation: -35);
        });
    }

    public bool IsReadablePng(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!bytes.StartsWith(signature)) return false;
        using var data = SKData.CreateCopy(bytes);
        using var image = SKImage.FromEncodedData(data);
        return image is { Width: > 0, Height: > 0 };
    }

    private static string DocumentTitle(InvoiceSheet sheet) => sheet.IsDraft ? $"{sheet.Title} (DRAFT)" : sheet.Title;

    private static void Header(FlowDocument doc, InvoiceSheet sheet)
    {
        var top = doc.Y;
        if (sheet.Logo is { Length: > 0 } logo) doc.Image(logo, doc.Left, top, 160, 44);
        var right = doc.Left + doc.Width * 0.45f;
        var width = doc.Width * 0.55f;
        var facts = new List<(string, float, bool)>
        {
            (DocumentTitle(sheet), 18, true),
            (sheet.Number is { } number ? $"Number {number}" : "Number: none until finalised", 10, true),
        };
        if (sheet.IssuedOn is { } issued) facts.Add(($"Issued {issued:yyyy-MM-dd}", Body + 0.5f, false));
        if (sheet.DueOn is { } due) facts.Add(($"Due {due:yyyy-MM-dd}", Body + 0.5f, false));
        facts.Add(($"Period {sheet.Period}", Body + 0.5f, false));
        facts.Add(($"Customer reference {sheet.CustomerReference}", Body + 0.5f, false));
        if (sheet.PoNumber is { Length: > 0 } po) facts.Add(($"PO {po}", Body + 0.5f, false));
        facts.Add(($"Currency {sheet.Currency.Code}", Body + 0.5f, false));
        doc.Columns((right, width, facts));
        if (sheet.Logo is { Length: > 0 }) doc.Gap(Math.Max(0, top + 48 - doc.Y));
    }

    private static void Parties(FlowDocument doc, InvoiceSheet sheet)
    {
        static IReadOnlyList<(string, float, bool)> Lines(string heading, InvoiceParty party)
        {
            var lines = new List<(string, float, bool)> { (heading, 7.5f, true), (party.LegalName, 10, true) };
            if (party.Address is { Length: > 0 } address) lines.Add((address, Body, false));
            if (party.Country is { Length: > 0 } country) lines.Add((country, Body, false));
            if (party.TaxId is { Length: > 0 } tax) lines.Add(($"Tax id {tax}", Body, false));
            if (party.Email is { Length: > 0 } email) lines.Add((email, Body, false));
            return lines;
        }
        var half = doc.Width / 2;
        doc.Columns((doc.Left, half - 12, Lines("FROM", sheet.From)), (doc.Left + half, half, Lines("BILL TO", sheet.To)));
    }
}
