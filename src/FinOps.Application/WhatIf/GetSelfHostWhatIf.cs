using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.WhatIf;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.WhatIf;

/// <summary>The build-versus-buy answer for a scope and period: what the vendor charged at list prices against our own GPUs.</summary>
public sealed record SelfHostWhatIf(string? Refusal, ChargePeriod Period, string Currency, string Tenant, string Feature, long InputTokens, long OutputTokens,
    decimal CurrentCost, SelfHostAnswer? Answer);

/// <summary>
/// The self-hosting calculator over a scope's real usage (through the caller's scope): its input (cached included) and
/// output tokens of the period, its busiest hour, and its list cost at the cards in force, run through the
/// <see cref="SelfHosting"/> formulas with the assumptions given. Assumptions the formulas cannot use are refused.
/// </summary>
public sealed class GetSelfHostWhatIf(IFinOpsReadDbContextFactory contexts)
{
    /// <summary>The GPU pools of the period whose cost per GPU-hour can stand in for a typed-in price.</summary>
    public async Task<IReadOnlyList<InfraPoolRate>> PoolsAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await InfraPoolRate.ReadAsync(db, period, cancellationToken);
    }

    public async Task<SelfHostWhatIf> HandleAsync(ChargePeriod period, string? tenant, string? feature, SelfHostAssumptions assumptions, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        SelfHostWhatIf Refuse(string why) => new(why, period, currency, tenant ?? "", feature ?? "", 0, 0, 0m, null);
        if (assumptions.Problems() is { Count: > 0 } problems) return Refuse(string.Join("; ", problems));
        var (refusal, hours) = await WhatIfUsage.ReadAsync(db, period, tenant, feature, cancellationToken);
        if (refusal is not null) return Refuse(refusal);

        var book = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == currency).ToListAsync(cancellationToken));
        var current = hours.Sum(h => book.InForce(new PricedName(h.ModelId, h.AliasId), h.Hour)?.ListCost(h.Uncached, h.Cached, h.Output, h.Batch) ?? 0m);
        var (input, output) = (hours.Sum(h => h.Uncached + h.Cached), hours.Sum(h => h.Output));
        // The busiest hour is the one that needs the most GPU time at these throughputs.
        var peak = hours.GroupBy(h => h.Hour).Select(g => (Input: g.Sum(h => h.Uncached + h.Cached), Output: g.Sum(h => h.Output)))
            .DefaultIfEmpty().MaxBy(p => p.Input / assumptions.InputTokensPerSecond + p.Output / assumptions.OutputTokensPerSecond);
        var answer = SelfHosting.Answer(input, output, peak.Input, peak.Output, period.DayCount, current, assumptions);
        return new SelfHostWhatIf(null, period, currency, tenant ?? "", feature ?? "", input, output, current, answer);
    }
}
