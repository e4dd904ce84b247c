using FinOps.Domain.Allocation;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;

namespace FinOps.Application.Invoicing;

/// <summary>Turns a stored invoice (or its credit note) into the sheet the renderer prints: every text and total decided here.</summary>
public static class InvoiceSheets
{
    public const string AdjustmentsSummary = "Corrections to earlier periods";

    public static InvoiceSheet For(Invoice invoice, IReadOnlyList<InvoiceLine> lines, InvoiceParties parties, OrganisationBilling organisation,
        InvoiceProvenance provenance)
    {
        var statementLines = lines.OrderBy(l => l.Ordinal).Select(l => InvoiceLines.ToStatementLine(l, invoice.Tenant)).ToList();
        var draft = invoice.Status == InvoiceStatus.Draft;
        return Sheet("Invoice", invoice.Number, draft, invoice, statementLines, sign: 1m, parties, organisation, provenance, note: null,
            issuedOn: invoice.IssuedOn, dueOn: invoice.DueOn, date: invoice.FinalisedAt ?? invoice.CreatedAt);
    }

    /// <summary>A credit note: the invoice's lines reversed, naming the invoice and the reason.</summary>
    public static InvoiceSheet ForCreditNote(CreditNote note, Invoice invoice, IReadOnlyList<InvoiceLine> lines, OrganisationBilling organisation, InvoiceProvenance provenance)
    {
        var parties = Parties(invoice) ?? throw new InvalidOperationException($"invoice {invoice.Number} has no parties: only finalised invoices are credited");
        var statementLines = lines.OrderBy(l => l.Ordinal).Select(l => InvoiceLines.ToStatementLine(l, invoice.Tenant)).ToList();
        return Sheet("Credit note", note.Number, false, invoice, statementLines, sign: -1m, parties, organisation, provenance,
            note: $"Reverses invoice {invoice.Number} of {invoice.IssuedOn:yyyy-MM-dd} in full. Reason: {note.Reason}",
            issuedOn: note.IssuedOn, dueOn: null, date: note.IssuedAt);
    }

    public static InvoiceParties? Parties(Invoice invoice) =>
        invoice.Parties is null ? null : System.Text.Json.JsonSerializer.Deserialize<InvoiceParties>(invoice.Parties);

    private static InvoiceSheet Sheet(string title, string? number, bool draft, Invoice invoice, IReadOnlyList<StatementLine> lines, decimal sign,
        InvoiceParties parties, OrganisationBilling organisation, InvoiceProvenance provenance, string? note, DateOnly? issuedOn, DateOnly? dueOn, DateTimeOffset date)
    {
        var currency = Currency.FromCode(invoice.Currency);
        var regular = lines.Where(l => l.AdjustsPeriod is null).ToList();
        var adjustments = lines.Where(l => l.AdjustsPeriod is not null).ToList();
        var summary = regular.GroupBy(l => l.Feature, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SheetSummaryRow(g.Key, sign * g.Sum(l => l.Amount))).ToList();
        if (adjustments.Count > 0) summary.Add(new SheetSummaryRow(AdjustmentsSummary, sign * adjustments.Sum(l => l.Amount)));
        var total = sign * invoice.Total;
        var appendix = lines.Select(l => new SheetExplanation($"{l.Feature} — {InvoiceLineWording.Item(l)}" + (l.AdjustsPeriod is null ? "" : $" (corrects {l.AdjustsPeriod})"),
            InvoiceLineWording.Explanation(l, provenance.For(l)))).ToList();
        return new InvoiceSheet(
            title, number, draft, invoice.Period, issuedOn, dueOn,
            parties.From, organisation.Logo, organisation.Profile.RemitTo, organisation.Profile.Footer,
            parties.To, invoice.Tenant, parties.PoNumber,
            currency, AmountFormat.Parse(parties.AmountFormat), PaperSize.Parse(parties.Paper),
            summary,
            regular.Select(l => Line(l, sign)).ToList(),
            adjustments.Select(l => Line(l, sign)).ToList(),
            total, invoice.Tokens, EffectiveCost.PerMillionTokens(total, invoice.Tokens),
            appendix, note, date);
    }

    private static SheetLine Line(StatementLine line, decimal sign) =>
        new(line.Feature, InvoiceLineWording.Item(line), InvoiceLineWording.Basis(line), sign * line.Amount, line.AdjustsPeriod);
}
