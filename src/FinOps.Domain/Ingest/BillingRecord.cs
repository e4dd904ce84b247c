using FinOps.Domain.Billing;

namespace FinOps.Domain.Ingest;

/// <summary>One vendor billing row normalised to SEMANTICS §2, before provider and model get ids.</summary>
public sealed record BillingRecord(
    string NaturalKey,
    string Provider,
    string BillingAccount,
    DateTimeOffset BillingPeriodStart,
    DateTimeOffset BillingPeriodEnd,
    DateTimeOffset ChargePeriodStart,
    DateTimeOffset ChargePeriodEnd,
    ChargeCategory ChargeCategory,
    string? Service,
    string? Sku,
    string? ModelText,
    TokenDirection TokenDirection,
    decimal? Quantity,
    string? Unit,
    decimal BilledCost,
    decimal EffectiveCost,
    decimal? ListCost,
    string Currency,
    string? CommitmentStatus,
    string? Tags);
