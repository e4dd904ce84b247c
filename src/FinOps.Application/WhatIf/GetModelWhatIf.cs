using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.WhatIf;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.WhatIf;

/// <summary>
/// Reprices a scope's real logged usage of a period — a tenant, a feature, both, or the whole organisation, through the
/// caller's scope — on another model's price card: per current provider × model, its list cost now (each hour at the card
/// then in force, as reconciliation prices it) against the same mix at the target's card in force at the period's start.
/// Self-hosted usage (on an infra pool's deployment) is left out: it has no vendor card to compare.
/// </summary>
public sealed class GetModelWhatIf(IFinOpsReadDbContextFactory contexts)
{
    public async Task<ModelWhatIfAnswer> HandleAsync(ChargePeriod period, string targetModel, string? targetProvider, string? tenant, string? feature,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        ModelWhatIfAnswer Refuse(string why) => new(why, period, currency, []);

        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        var candidates = await db.Models.AsNoTracking().Where(m => m.Name == targetModel.Trim()).ToListAsync(cancellationToken);
        if (targetProvider is not null) candidates = candidates.Where(m => providers[m.ProviderId] == targetProvider.Trim()).ToList();
        if (candidates.Count == 0)
            return Refuse($"model '{targetModel}'{(targetProvider is null ? "" : $" of {targetProvider}")} is not in the catalog (./finops models lists them)");
        if (candidates.Count > 1)
            return Refuse($"model '{targetModel}' is sold by {string.Join(" and ", candidates.Select(m => providers[m.ProviderId]).Order())}: name one with --provider");
        var target = candidates[0];
        var card = await db.PriceCards.AsNoTracking()
            .Where(c => c.ModelId == target.Id && c.ModelAliasId == null && c.Currency == currency && c.EffectiveFrom <= period.Start)
            .OrderByDescending(c => c.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
        if (card is null) return Refuse($"model '{targetModel}' has no {currency} price card in force on {period.FirstDay:yyyy-MM-dd} (./finops prices import)");
        var whatIf = new WhatIfCard(providers[target.ProviderId], target.Name, card.InputPerMTok, card.CachedInputPerMTok, card.OutputPerMTok, card.BatchDiscountPct);
        return await RepriceAsync(db, period, currency, whatIf, tenant, feature, providers, cancellationToken);
    }

    /// <summary>The catalog models a what-if can reprice on in a period: those with a card in the organisation's currency in force at its start.</summary>
    public async Task<IReadOnlyList<(string Provider, string Model)>> TargetsAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var rows = await db.PriceCards.AsNoTracking().Where(c => c.ModelAliasId == null && c.Currency == currency && c.EffectiveFrom <= period.Start)
            .Join(db.Models, c => c.ModelId, m => m.Id, (c, m) => new { m.ProviderId, m.Name })
            .Join(db.Providers, x => x.ProviderId, p => p.Id, (x, p) => new { p.Slug, x.Name })
            .Distinct().ToListAsync(cancellationToken);
        return rows.Select(r => (r.Slug, r.Name)).OrderBy(r => r.Slug, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The same on a card typed in (a quote, a model not in the catalog yet): its cached price and batch discount may be unknown.</summary>
    public async Task<ModelWhatIfAnswer> HandleAsync(ChargePeriod period, WhatIfCard card, string? tenant, string? feature, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        if (WhatIfCardProblem(card) is { } problem) return new ModelWhatIfAnswer(problem, period, currency, []);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        return await RepriceAsync(db, period, currency, card, tenant, feature, providers, cancellationToken);
    }

    /// <summary>The largest price per 1M tokens a typed-in card may hold: anything above is a typing mistake.</summary>
    public const decimal MaxPricePerMTok = 100_000m;

    private static string? WhatIfCardProblem(WhatIfCard card) =>
        string.IsNullOrWhiteSpace(card.Model) || card.Model.Length > 200 ? "a typed-in card needs a name of at most 200 characters"
        : card.InputPerMTok < 0m || card.OutputPerMTok < 0m || card.CachedInputPerMTok < 0m ? "a price per 1M tokens cannot be negative"
        : card.InputPerMTok > MaxPricePerMTok || card.OutputPerMTok > MaxPricePerMTok || card.CachedInputPerMTok > MaxPricePerMTok ? $"a price per 1M tokens above {MaxPricePerMTok:N0} is not a real price"
        : card.BatchDiscountPct is < 0m or > 100m ? "a batch discount is a percentage from 0 to 100"
        : null;

    private static async Task<ModelWhatIfAnswer> RepriceAsync(IFinOpsDbContext db, ChargePeriod period, string currency, WhatIfCard whatIf, string? tenant, string? feature,
        IReadOnlyDictionary<int, string> providers, CancellationToken cancellationToken)
    {
        ModelWhatIfAnswer Refuse(string why) => new(why, period, currency, []);
        var (refusal, hours) = await WhatIfUsage.ReadAsync(db, period, tenant, feature, cancellationToken);
        if (refusal is not null) return Refuse(refusal);
        var book = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == currency).ToListAsync(cancellationToken));
        var names = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);

        var rows = hours.GroupBy(h => (h.ProviderId, h.ModelId)).Select(g =>
            {
                var mix = g.Aggregate(TokenMix.None, (mix, h) => mix.Plus(h.Batch
                    ? new TokenMix(0, 0, 0, h.Uncached, h.Cached, h.Output)
                    : new TokenMix(h.Uncached, h.Cached, h.Output)));
                var unpriced = false;
                var current = g.Sum(h =>
                {
                    var price = book.InForce(new PricedName(h.ModelId, h.AliasId), h.Hour);
                    if (price is null) unpriced = true;
                    return price?.ListCost(h.Uncached, h.Cached, h.Output, h.Batch) ?? 0m;
                });
                var repriced = ModelWhatIf.Reprice(mix, whatIf);
                var notes = unpriced ? repriced.Notes.Prepend($"{names[g.Key.ModelId]} has no price card for some of its hours: they count 0 now").ToList() : repriced.Notes;
                return new ModelWhatIfRow(tenant ?? "", feature ?? "", providers[g.Key.ProviderId], names[g.Key.ModelId],
                    mix.UncachedInput + mix.CachedInput + mix.BatchUncachedInput + mix.BatchCachedInput, mix.CachedTokens, mix.Output + mix.BatchOutput,
                    current, whatIf.Provider, whatIf.Model, repriced.Cost, notes);
            })
            .OrderByDescending(r => r.CurrentCost).ThenBy(r => r.Provider, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal).ToList();
        return new ModelWhatIfAnswer(null, period, currency, rows);
    }
}
