using FinOps.Domain.Periods;

namespace FinOps.Domain.Budgets;

/// <summary>
/// A spending limit per period for a tenant, or a tenant × feature (<see cref="Feature"/> null = the whole tenant),
/// from <see cref="FirstPeriod"/> to <see cref="LastPeriod"/> (null = recurring without end), with the percentages
/// of the amount at which finance and the tenant's team leads want to hear about it.
/// </summary>
public sealed record Budget(long Id, string Tenant, string? Feature, ChargePeriod FirstPeriod, ChargePeriod? LastPeriod, decimal Amount, string Currency,
    IReadOnlyList<decimal> Thresholds)
{
    public bool Covers(ChargePeriod period) => period.CompareTo(FirstPeriod) >= 0 && (LastPeriod is null || period.CompareTo(LastPeriod) <= 0);

    /// <summary>The scope in words and as the alert key writes it (<c>acme</c> or <c>acme/search</c>).</summary>
    public string Scope => Feature is null ? Tenant : $"{Tenant}/{Feature}";

    /// <summary>A threshold's share of the amount: ≥ this cost to date crosses it (never &gt;).</summary>
    public decimal LimitAt(decimal thresholdPercent) => Amount * thresholdPercent / 100m;
}
