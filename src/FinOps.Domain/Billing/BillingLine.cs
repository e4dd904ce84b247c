namespace FinOps.Domain.Billing;

public enum ChargeCategory { Usage, Purchase, Tax, Credit, Adjustment }

/// <summary>Which tokens a line bills (SEMANTICS §2). Cache-write lines count as input.</summary>
public enum TokenDirection { None, Input, Output, CachedInput, Mixed }

/// <summary>
/// One row of a vendor export, normalised to FOCUS terms (SEMANTICS §2). A later file for the same provider,
/// billing account and billing period supersedes it as a set; it stays on record with the file that replaced it.
/// </summary>
public sealed class BillingLine
{
    public long Id { get; init; }
    public required long FileId { get; init; }
    public required int LineNumber { get; init; }

    /// <summary>Stable identity of the row across re-exports: a hash of the vendor's own identifying columns.</summary>
    public required string NaturalKey { get; init; }

    public required int ProviderId { get; init; }
    public required string BillingAccount { get; init; }
    public required DateTimeOffset BillingPeriodStart { get; init; }
    public required DateTimeOffset BillingPeriodEnd { get; init; }
    public required DateTimeOffset ChargePeriodStart { get; init; }
    public required DateTimeOffset ChargePeriodEnd { get; init; }
    public required ChargeCategory ChargeCategory { get; init; }
    public string? Service { get; init; }
    public string? Sku { get; init; }
    public int? ModelId { get; init; }

    /// <summary>The model as the export wrote it, kept so an alias added later can resolve it.</summary>
    public string? ModelText { get; init; }

    public TokenDirection TokenDirection { get; init; }

    /// <summary>Tokens after unit normalisation (a "1M tokens" unit × 1,000,000); may be negative (corrections).</summary>
    public decimal? Quantity { get; init; }

    public string? Unit { get; init; }
    public required decimal BilledCost { get; init; }
    public required decimal EffectiveCost { get; init; }
    public decimal? ListCost { get; init; }
    public required string Currency { get; init; }

    /// <summary>FOCUS CommitmentDiscountStatus (Used/Unused) where the export has it.</summary>
    public string? CommitmentStatus { get; init; }

    public string? Tags { get; init; }
    public long? SupersededByFileId { get; set; }
}
