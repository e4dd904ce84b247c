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

/// <summary>The price cards of every model: the card in force at a request's time prices it.</summary>
public sealed class PriceBook
{
    private readonly Dictionary<int, Price[]> _byModel;

    public PriceBook(IEnumerable<(int ModelId, Price Price)> cards) =>
        _byModel = cards.GroupBy(c => c.ModelId).ToDictionary(g => g.Key, g => g.Select(c => c.Price).OrderBy(p => p.EffectiveFrom).ToArray());

    public static PriceBook Empty { get; } = new([]);

    /// <summary>The card in force at <paramref name="at"/>, or null when the model has none yet (it cannot be priced).</summary>
    public Price? InForce(int modelId, DateTimeOffset at)
    {
        if (!_byModel.TryGetValue(modelId, out var prices)) return null;
        Price? found = null;
        foreach (var price in prices)
        {
            if (price.EffectiveFrom > at) break;
            found = price;
        }
        return found;
    }
}
