using System.Globalization;
using System.Text.RegularExpressions;

namespace FinOps.Domain.Invoicing;

/// <summary>Who receives a tenant's invoice and when it is due. A tenant without one is invoiced under its display name and slug.</summary>
public sealed partial record TenantBillingProfile(
    string Tenant, string LegalName, string? Address, string? Country, string? TaxId, string? Email, int PaymentTermsDays, string? PoNumber)
{
    public const int DefaultPaymentTermsDays = 30;
    public const int MaxPaymentTermsDays = 365;

    /// <summary>A tenant that has no profile: its display name as the legal name and the default terms.</summary>
    public static TenantBillingProfile Fallback(string tenant, string displayName) =>
        new(tenant, displayName, null, null, null, null, DefaultPaymentTermsDays, null);

    /// <summary>Each field's problem, by column name, for one imported row; the row is taken only when there are none.</summary>
    public static IReadOnlyList<(string Column, string Problem)> Problems(string? legalName, string? address, string? country, string? taxId, string? email,
        string? paymentTermsDays, string? poNumber, out int terms)
    {
        var problems = new List<string>();
        var byColumn = new List<(string, string)>();
        terms = DefaultPaymentTermsDays;
        Collect("legal_name", () => BillingText.Required(problems, "legal_name", legalName, 200));
        Collect("address", () => BillingText.Optional(problems, "address", address, 500, multiLine: true));
        Collect("country", () =>
        {
            if (!string.IsNullOrWhiteSpace(country) && !CountryPattern().IsMatch(country.Trim()))
                problems.Add($"country '{BillingText.Shown(country)}' is not an ISO 3166 two-letter code (e.g. DE, US)");
        });
        Collect("tax_id", () => BillingText.Optional(problems, "tax_id", taxId, 50));
        Collect("email", () =>
        {
            BillingText.Optional(problems, "email", email, 254);
            if (problems.Count == 0 && !string.IsNullOrWhiteSpace(email) && !EmailPattern().IsMatch(email.Trim()))
                problems.Add($"email '{BillingText.Shown(email)}' is not an e-mail address");
        });
        var parsedTerms = DefaultPaymentTermsDays;
        Collect("payment_terms_days", () =>
        {
            if (string.IsNullOrWhiteSpace(paymentTermsDays)) return;
            if (!int.TryParse(paymentTermsDays.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out parsedTerms) || parsedTerms > MaxPaymentTermsDays)
                problems.Add($"payment_terms_days '{BillingText.Shown(paymentTermsDays)}' is not a whole number of days from 0 to {MaxPaymentTermsDays}");
        });
        terms = parsedTerms;
        Collect("po_number", () => BillingText.Optional(problems, "po_number", poNumber, 50));
        return byColumn;

        void Collect(string column, Action check)
        {
            problems.Clear();
            check();
            byColumn.AddRange(problems.Select(p => (column, p)));
        }
    }

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
