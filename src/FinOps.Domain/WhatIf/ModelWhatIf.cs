namespace FinOps.Domain.WhatIf;

/// <summary>A card to reprice on: one of the catalog's, or typed in (its cached-input price and batch discount may be unknown).</summary>
public sealed record WhatIfCard(string Provider, string Model, decimal InputPerMTok, decimal? CachedInputPerMTok, decimal OutputPerMTok, decimal? BatchDiscountPct = null);

/// <summary>A mix's cost on a card, and what the card could not price as the mix asked (said, never hidden).</summary>
public sealed record WhatIfCost(decimal Cost, IReadOnlyList<string> Notes);

/// <summary>
/// The model what-if: the same logged token mix — uncached, cached and output, batch apart — priced on another card.
/// The cached share is kept; a card without a cached-input price prices cached tokens as input, and one without a batch
/// discount prices batch usage at its standard price, each with a note. Exact amounts; pages round once.
/// </summary>
public static class ModelWhatIf
{
    public static WhatIfCost Reprice(TokenMix mix, WhatIfCard card)
    {
        var notes = new List<string>();
        var cachedPrice = card.CachedInputPerMTok ?? card.InputPerMTok;
        if (card.CachedInputPerMTok is null && mix.CachedTokens > 0)
            notes.Add($"{card.Model} has no cached-input price: its {mix.CachedTokens:N0} cached tokens are priced as input");
        decimal Cost(long uncached, long cached, long output) => (uncached * card.InputPerMTok + cached * cachedPrice + output * card.OutputPerMTok) / 1_000_000m;
        var batch = Cost(mix.BatchUncachedInput, mix.BatchCachedInput, mix.BatchOutput);
        if (mix.BatchTokens > 0)
        {
            if (card.BatchDiscountPct is { } pct) batch *= 1m - pct / 100m;
            else notes.Add($"{card.Model} has no batch discount: its {mix.BatchTokens:N0} batch tokens are priced at the standard price");
        }
        return new WhatIfCost(Cost(mix.UncachedInput, mix.CachedInput, mix.Output) + batch, notes);
    }

    /// <summary>The difference over a range of days as a month of 30 days (negative: the what-if is cheaper).</summary>
    public static decimal PerMonth(decimal current, decimal whatIf, int days) =>
        days <= 0 ? throw new ArgumentOutOfRangeException(nameof(days), days, "a range has at least one day") : (whatIf - current) * 30m / days;

    /// <summary>Months until a one-off cost (migration, evaluation) is paid back by a monthly saving; null when the what-if saves nothing.</summary>
    public static decimal? BreakEvenMonths(decimal savingPerMonth, decimal oneOffCost) =>
        savingPerMonth <= 0m ? null : oneOffCost < 0m ? throw new ArgumentOutOfRangeException(nameof(oneOffCost), oneOffCost, "a one-off cost is not negative")
            : oneOffCost / savingPerMonth;
}
