namespace FinOps.Domain.Catalog;

/// <summary>
/// Prices per 1M tokens of one model from <see cref="EffectiveFrom"/> until the next card (SEMANTICS §2). The card
/// in force at a request's time prices it.
/// </summary>
public sealed class PriceCard
{
    public int Id { get; init; }
    public required int ModelId { get; init; }
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
