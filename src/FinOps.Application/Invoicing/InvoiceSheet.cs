using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;

namespace FinOps.Application.Invoicing;

/// <summary>
/// Everything a printed invoice or credit note shows, resolved to text and amounts: the renderer lays it out and
/// decides nothing. Totals are computed here, never in the layout.
/// </summary>
public sealed record InvoiceSheet(
    string Title, string? Number, bool IsDraft, string Period, DateOnly? IssuedOn, DateOnly? DueOn,
    InvoiceParty From, byte[]? Logo, string? RemitTo, string? Footer,
    InvoiceParty To, string CustomerReference, string? PoNumber,
    Currency Currency, AmountStyle AmountStyle, PaperSize Paper,
    IReadOnlyList<SheetSummaryRow> SummaryByFeature,
    IReadOnlyList<SheetLine> Lines,
    IReadOnlyList<SheetLine> Adjustments,
    decimal Total, long Tokens, decimal? CostPerMillionTokens,
    IReadOnlyList<SheetExplanation> Appendix,
    string? Note,
    DateTimeOffset DocumentDate)
{
    public decimal LinesTotal => Lines.Sum(l => l.Amount);
    public decimal AdjustmentsTotal => Adjustments.Sum(l => l.Amount);
}

public sealed record SheetSummaryRow(string Feature, decimal Amount);

/// <summary>One printed line: feature; provider × model or pool; basis; amount (and, for adjustments, the period corrected).</summary>
public sealed record SheetLine(string Feature, string Item, string Basis, decimal Amount, string? Corrects);

public sealed record SheetExplanation(string Line, string Text);

/// <summary>A rendered PDF: its bytes, page count and anything a person should know (e.g. characters no font could draw).</summary>
public sealed record RenderedDocument(byte[] Pdf, int Pages, IReadOnlyList<string> Warnings);

/// <summary>Draws invoices as PDF (implemented natively over SkiaSharp in Infrastructure).</summary>
public interface IInvoiceRenderer
{
    RenderedDocument Render(InvoiceSheet sheet);

    /// <summary>Whether the bytes are a PNG the renderer can draw (a logo is refused otherwise).</summary>
    bool IsReadablePng(ReadOnlySpan<byte> bytes);
}
