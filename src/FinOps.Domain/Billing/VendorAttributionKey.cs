namespace FinOps.Domain.Billing;

/// <summary>
/// Finance's mapping of an identifier a vendor puts on its bill (OpenAI project, Anthropic workspace or API key, Azure
/// deployment or tag, Bedrock IAM principal or cost-allocation tag, Vertex label) to a tenant, from a day on
/// (SEMANTICS §4 step 0). One row per version: a key mapped again from a later day keeps its earlier mapping for the days
/// before; a version without a tenant ends the mapping from its day.
/// </summary>
public sealed class VendorAttributionKey
{
    public long Id { get; init; }
    public required int ProviderId { get; init; }
    public required string KeyType { get; init; }
    public required string KeyValue { get; init; }
    public long? TenantId { get; set; }

    /// <summary>The feature the line's cost goes to when none of the tenant's usage matches it (null: the tenant's unassigned feature).</summary>
    public long? FeatureId { get; set; }

    public required DateOnly EffectiveFrom { get; init; }
    public required DateTimeOffset MappedAt { get; set; }
    public required string MappedBy { get; set; }
}
