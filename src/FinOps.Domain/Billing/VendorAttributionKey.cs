namespace FinOps.Domain.Billing;

/// <summary>
/// An identifier a vendor puts on its bill (OpenAI project, Anthropic workspace or API key, Azure deployment or
/// tag, Bedrock IAM principal or cost-allocation tag, Vertex label) that finance may map to a tenant (SEMANTICS §4 step 0).
/// </summary>
public sealed class VendorAttributionKey
{
    public long Id { get; init; }
    public required int ProviderId { get; init; }
    public required string KeyType { get; init; }
    public required string KeyValue { get; init; }
    public long? TenantId { get; set; }
    public required DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset? MappedAt { get; set; }
    public string? MappedBy { get; set; }
}
