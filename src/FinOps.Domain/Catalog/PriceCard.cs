namespace FinOps.Domain.Catalog;

/// <summary>
/// Prices per 1M tokens of one model from <see cref="EffectiveFrom"/> until the next card (SEMANTICS §2). The card
/// in force at a request's time prices it.
/// </summary>
public sealed class PriceCard
{
    /// <summary>The price-book key of this card.</summary>
    public Pricing.PricedName PricedName() => new(ModelId, ModelAliasId ?? 0);

    public int Id { get; init; }
    public required int ModelId { get; init; }

    /// <summary>
    /// The snapshot or meter name (a <see cref="ModelAlias"/>) this card prices, winning over the model's own card
    /// for usage that carried that name; null = the model under every name.
    /// </summary>
    public int? ModelAliasId { get; init; }
    public required DateTimeOffset EffectiveFrom { get; init; }
    public required decimal InputPerMTok { get; init; }
    public required decimal OutputPerMTok { get; init; }
    public required decimal CachedInputPerMTok { get; init; }
    public required string Currency { get; init; }

    /// <summary>Discount in percent on the list cost of usage whose service tier is <c>batch</c>.</summary>
    public decimal? BatchDiscountPct { get; init; }

    public string? Note { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}
