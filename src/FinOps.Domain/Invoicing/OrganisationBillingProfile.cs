namespace FinOps.Domain.Invoicing;

/// <summary>
/// Who sends the invoices: the organisation's legal identity and how its documents print. One per installation;
/// finalised invoices keep the copy they were issued with.
/// </summary>
public sealed record OrganisationBillingProfile(
    string LegalName, string? Address, string? TaxId, string? RemitTo, string? Footer, PaperSize Paper, AmountStyle AmountStyle)
{
    /// <summary>What an organisation that never set its profile prints: its name is the product's, and nothing else.</summary>
    public static readonly OrganisationBillingProfile Unset = new("Internal chargeback", null, null, null, null, PaperSize.A4, AmountStyle.Grouped);

    public const int MaxLogoBytes = 1024 * 1024;

    public static IReadOnlyList<string> Problems(string? legalName, string? address, string? taxId, string? remitTo, string? footer)
    {
        var problems = new List<string>();
        BillingText.Required(problems, "legal_name", legalName, 200);
        BillingText.Optional(problems, "address", address, 500, multiLine: true);
        BillingText.Optional(problems, "tax_id", taxId, 50);
        BillingText.Optional(problems, "remit_to", remitTo, 500, multiLine: true);
        BillingText.Optional(problems, "footer", footer, 500, multiLine: true);
        return problems;
    }
}
