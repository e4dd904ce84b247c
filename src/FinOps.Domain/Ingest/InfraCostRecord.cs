using FinOps.Domain.Infra;

namespace FinOps.Domain.Ingest;

/// <summary>One self-hosted cost row normalised to SEMANTICS §2 (amount = quantity × unit price when omitted).</summary>
public sealed record InfraCostRecord(
    string Pool,
    InfraCostCategory Category,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    decimal? Quantity,
    string? Unit,
    decimal? UnitPrice,
    decimal Amount,
    string Currency,
    string? Description);
