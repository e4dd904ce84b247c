namespace FinOps.Domain.Catalog;

/// <summary>A model as finance prices it (<c>gpt-4o</c>), under one provider.</summary>
public sealed class Model
{
    public int Id { get; init; }
    public required int ProviderId { get; init; }
    public required string Name { get; init; }
    public required string DisplayName { get; set; }

    /// <summary>Created on first sight in a token log rather than by finance; shown as "needs a price card".</summary>
    public bool FirstSeenInUsage { get; init; }
}

/// <summary>
/// A name under which a vendor export or log writes a model (<c>gpt-4o-2024-08-06</c>, <c>USE1-Claude3Sonnet</c>,
/// <c>gpt-4o-0806-Inp-glbl</c>), mapped to the model it means. Aliases are matched lower-case.
/// </summary>
public sealed class ModelAlias
{
    public int Id { get; init; }
    public required int ProviderId { get; init; }
    public required string Alias { get; init; }
    public required int ModelId { get; set; }
}
