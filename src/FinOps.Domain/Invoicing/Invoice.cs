namespace FinOps.Domain.Invoicing;

public enum InvoiceStatus { Draft, Finalised }

/// <summary>
/// A tenant's invoice for one closed period (SEMANTICS §7). A draft has no number; finalising gives it the next number
/// of the year, its dates and the parties as they stood, and from then on the database refuses any change to it.
/// </summary>
public sealed class Invoice
{
    public long Id { get; init; }
    public required string Period { get; init; }
    public required long TenantId { get; init; }

    /// <summary>The tenant's slug: the customer reference printed on the invoice.</summary>
    public required string Tenant { get; init; }

    public required string Currency { get; init; }
    public required decimal Total { get; init; }

    /// <summary>Every token the tenant logged in the period (input + output): the denominator of its cost per 1M tokens.</summary>
    public required long Tokens { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }

    /// <summary>The credited invoice this draft re-issues (null for the period's first invoice).</summary>
    public long? ReissueOf { get; init; }

    public InvoiceStatus Status { get; set; } = InvoiceStatus.Draft;
    public string? Number { get; set; }
    public int? NumberYear { get; set; }
    public int? NumberSequence { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }
    public string? FinalisedBy { get; set; }

    /// <summary>JSON <see cref="InvoiceParties"/>: both parties as they stood at finalisation.</summary>
    public string? Parties { get; set; }
}

/// <summary>One line of an invoice: a frozen statement line of its tenant, copied whole.</summary>
public sealed class InvoiceLine
{
    public long Id { get; init; }
    public required long InvoiceId { get; init; }
    public required int Ordinal { get; init; }
    public required string LineKey { get; init; }
    public required Allocation.LineType LineType { get; init; }
    public required string Feature { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string Pool { get; init; }
    public string? RuleId { get; init; }
    public int? RuleVersion { get; init; }
    public string? Driver { get; init; }
    public decimal? DriverQuantity { get; init; }
    public decimal? Share { get; init; }
    public required long InputTokens { get; init; }
    public required long CachedInputTokens { get; init; }
    public required long OutputTokens { get; init; }
    public required decimal Amount { get; init; }
    public string? AdjustsPeriod { get; init; }
}

/// <summary>A finalised document's PDF, rendered once and always served from here; the database refuses to change it.</summary>
public sealed class InvoiceDocument
{
    public long Id { get; init; }
    public long? InvoiceId { get; init; }
    public long? CreditNoteId { get; init; }
    public required byte[] Pdf { get; init; }
    public required string Sha256 { get; init; }
    public required int Pages { get; init; }
    public required DateTimeOffset RenderedAt { get; init; }
}

/// <summary>A credit note (SEMANTICS §7): reverses one finalised invoice whole, numbered in its own gap-free series.</summary>
public sealed class CreditNote
{
    public long Id { get; init; }
    public required string Number { get; init; }
    public required int NumberYear { get; init; }
    public required int NumberSequence { get; init; }
    public required long InvoiceId { get; init; }
    public required string Reason { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required string IssuedBy { get; init; }

    /// <summary>The reversed amount: minus the invoice's total.</summary>
    public required decimal Total { get; init; }

    public required string Currency { get; init; }
}

/// <summary>Finance's record that an invoice was paid (kept beside it, since a finalised invoice never changes).</summary>
public sealed class InvoicePayment
{
    public required long InvoiceId { get; init; }
    public required DateOnly PaidOn { get; init; }
    public string? Reference { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

/// <summary>The last number issued in one series and year: updated under a row lock in the finalising transaction.</summary>
public sealed class DocumentCounter
{
    public required string Series { get; init; }
    public required int Year { get; init; }
    public int Last { get; set; }
}
