namespace FinOps.Domain.Invoicing;

/// <summary>The stored organisation profile (one row).</summary>
public sealed class OrganisationBillingRecord
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;
    public required string LegalName { get; set; }
    public string? Address { get; set; }
    public string? TaxId { get; set; }
    public string? RemitTo { get; set; }
    public string? Footer { get; set; }
    public byte[]? Logo { get; set; }
    public string Paper { get; set; } = "A4";
    public string AmountFormat { get; set; } = "1,234.56";
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public OrganisationBillingProfile ToProfile() =>
        new(LegalName, Address, TaxId, RemitTo, Footer, PaperSize.Parse(Paper), Invoicing.AmountFormat.Parse(AmountFormat));
}

/// <summary>A tenant's stored billing profile.</summary>
public sealed class TenantBillingRecord
{
    public required long TenantId { get; init; }
    public required string LegalName { get; set; }
    public string? Address { get; set; }
    public string? Country { get; set; }
    public string? TaxId { get; set; }
    public string? Email { get; set; }
    public int PaymentTermsDays { get; set; } = TenantBillingProfile.DefaultPaymentTermsDays;
    public string? PoNumber { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>
/// Both parties as printed on a finalised document (stored as JSON beside it: a closed snapshot, so a typed record).
/// </summary>
public sealed record InvoiceParties(InvoiceParty From, InvoiceParty To, string? PoNumber, int PaymentTermsDays, string Paper, string AmountFormat)
{
    public static InvoiceParties Of(OrganisationBillingProfile organisation, TenantBillingProfile tenant) =>
        new(new InvoiceParty(organisation.LegalName, organisation.Address, null, organisation.TaxId, null),
            new InvoiceParty(tenant.LegalName, tenant.Address, tenant.Country, tenant.TaxId, tenant.Email),
            tenant.PoNumber, tenant.PaymentTermsDays, organisation.Paper.Name, organisation.AmountStyle.Name());
}

public sealed record InvoiceParty(string LegalName, string? Address, string? Country, string? TaxId, string? Email);

/// <summary>A tenant's purchase order for one period: printed on that period's invoice instead of its profile's PO number.</summary>
public sealed class PeriodPurchaseOrder
{
    public required long TenantId { get; init; }
    public required string Period { get; init; }
    public required string PoNumber { get; set; }
    public required DateTimeOffset SetAt { get; set; }
    public required string SetBy { get; set; }
}
