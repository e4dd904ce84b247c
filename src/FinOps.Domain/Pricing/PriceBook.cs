namespace FinOps.Domain.Pricing;

/// <summary>One effective-dated price of a model, per 1M tokens (SEMANTICS §2).</summary>
public sealed record Price(DateTimeOffset EffectiveFrom, decimal InputPerMTok, decimal CachedInputPerMTok, decimal OutputPerMTok, string Currency,
    decimal? BatchDiscountPct = null)
{
    /// <summary>List cost of tokens at this price: uncached × input + cached × cached + output × output, ÷ 1M; less the batch discount for batch usage.</summary>
    public decimal ListCost(decimal uncachedInput, decimal cachedInput, decimal output, bool batch = false)
    {
        var cost = (uncachedInput * InputPerMTok + cachedInput * CachedInputPerMTok + output * OutputPerMTok) / 1_000_000m;
        return batch && BatchDiscountPct is { } pct ? cost * (1m - pct / 100m) : cost;
    }
}

/// <summary>
/// What a card prices: a model (<see cref="AliasId"/> 0) or one name the catalog knows for it — a dated snapshot or
/// a meter name — whose usage can cost differently from the rest of its model.
/// </summary>
public readonly record struct PricedName(int ModelId, int AliasId = 0);

/// <summary>
/// The price cards of every model and named snapshot. Usage is priced by the card in force at its time for the
/// name it carried; else by its model's card; else — a model priced only under its snapshots' names — by the
/// snapshot card in force that took effect last (ties: the lowest alias id), so a price file written in the names
/// users copy from their logs prices the whole model.
/// </summary>
public sealed class PriceBook
{
    private readonly Dictionary<PricedName, Price[]> _byName;
    private readonly Dictionary<int, (int AliasId, Price[] Prices)[]> _aliasCardsByModel;

    public PriceBook(IEnumerable<(PricedName Name, Price Price)> cards)
    {
        _byName = cards.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.Select(c => c.Price).OrderBy(p => p.EffectiveFrom).ToArray());
        _aliasCardsByModel = _byName.Where(e => e.Key.AliasId != 0).GroupBy(e => e.Key.ModelId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Key.AliasId).Select(e => (e.Key.AliasId, e.Value)).ToArray());
    }

    /// <summary>Cards of models only (no snapshot prices).</summary>
    /// <summary>The book of stored price cards, each under the name it prices.</summary>
    public static PriceBook Of(IEnumerable<Catalog.PriceCard> cards) =>
        new(cards.Select(c => (c.PricedName(), new Price(c.EffectiveFrom, c.InputPerMTok, c.CachedInputPerMTok, c.OutputPerMTok, c.Currency, c.BatchDiscountPct))));

    public PriceBook(IEnumerable<(int ModelId, Price Price)> cards) : this(cards.Select(c => (new PricedName(c.ModelId), c.Price))) { }

    public static PriceBook Empty { get; } = new(Array.Empty<(PricedName, Price)>());

    /// <summary>The card in force at <paramref name="at"/> for a model's usage under any name, or null when it has none (it cannot be priced).</summary>
    public Price? InForce(int modelId, DateTimeOffset at) => InForce(new PricedName(modelId), at);

    /// <summary>The card in force at <paramref name="at"/> for usage that carried <paramref name="name"/>, or null when none prices it.</summary>
    public Price? InForce(PricedName name, DateTimeOffset at)
    {
        if (name.AliasId != 0 && Latest(_byName.GetValueOrDefault(name), at) is { } own) return own;
        if (Latest(_byName.GetValueOrDefault(new PricedName(name.ModelId)), at) is { } model) return model;
        if (!_aliasCardsByModel.TryGetValue(name.ModelId, out var snapshots)) return null;
        Price? found = null;
        foreach (var (_, prices) in snapshots)
            if (Latest(prices, at) is { } candidate && (found is null || candidate.EffectiveFrom > found.EffectiveFrom)) found = candidate;
        return found;
    }

    private static Price? Latest(Price[]? prices, DateTimeOffset at)
    {
        if (prices is null) return null;
        Price? found = null;
        foreach (var price in prices)
        {
            if (price.EffectiveFrom > at) break;
            found = price;
        }
        return found;
    }
}
