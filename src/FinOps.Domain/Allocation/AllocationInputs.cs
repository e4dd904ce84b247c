using FinOps.Domain.Billing;
using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Allocation;

/// <summary>An hour of one tenant × feature's usage of one model (the rollup), the unit every driver and weight is summed from.</summary>
public sealed record UsageCell(
    string Tenant, string Feature, string Provider, string Model, int ModelId, string Deployment, bool Batch, DateTimeOffset Hour,
    long UncachedInput, long CachedInput, long Output, long Requests, decimal GpuSeconds, int AliasId = 0)
{
    public long Tokens => UncachedInput + CachedInput + Output;
}

/// <summary>
/// One current bill line as allocation reads it; <see cref="ModelId"/> null = no model (or one no alias maps);
/// <see cref="Keys"/> the vendor attribution keys it carries (SEMANTICS §4 step 0); <see cref="Commitment"/> the reserved
/// capacity it pays for, used or not (its rows form the commitment's own pool).
/// </summary>
public sealed record CostLine(string Provider, int? ModelId, string? Model, TimeWindow Charge, ChargeCategory Category, TokenDirection Direction,
    decimal Cost, bool UnusedCommitment = false, IReadOnlyList<AttributionKey>? Keys = null, string? Commitment = null);

/// <summary>One self-hosted cost row of an infra pool (GPU hours, power, staff, amortised hardware), over its own span.</summary>
public sealed record InfraCostLine(string Pool, InfraCostCategory Category, TimeWindow Span, decimal Amount, decimal? Quantity);

public sealed record AllocationInput(
    ChargePeriod Period, Currency Currency, IReadOnlyList<UsageCell> Usage, IReadOnlyList<CostLine> Bills, IReadOnlyList<InfraCostLine> Infra,
    IReadOnlyList<AllocationRule> Rules, PriceBook Prices, IReadOnlyDictionary<string, int> OffsetHours)
{
    /// <summary>Corrections of closed periods booked in this one: extra money, so part of its cost total too.</summary>
    public IReadOnlyList<Adjustment> Adjustments { get; init; } = [];

    /// <summary>Finance's mappings of vendor keys to tenants (SEMANTICS §4 step 0), every version.</summary>
    public IReadOnlyList<KeyMapping> KeyMappings { get; init; } = [];

    /// <summary>Declared commitments (deployment and capacity), every version.</summary>
    public IReadOnlyList<DeclaredCommitment> Commitments { get; init; } = [];

    /// <summary>
    /// Cost to date (SEMANTICS §8): the end of the partial window [period start, AsOfEnd) the computation covers —
    /// usage before it, bills and infra pro-rated to it, the period's rules. Null = the whole period (a statement).
    /// </summary>
    public DateTimeOffset? AsOfEnd { get; init; }

    /// <summary>What the allocation covers: the period, or its part up to <see cref="AsOfEnd"/>.</summary>
    public TimeWindow Window => AsOfEnd is { } end && end < Period.End
        ? new TimeWindow(Period.Start, end < Period.Start ? Period.Start : end)
        : Period.Window;
}
