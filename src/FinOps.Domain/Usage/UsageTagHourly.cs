namespace FinOps.Domain.Usage;

/// <summary>
/// Requests per tenant × UTC hour × tag value (any value of a request's tags: an OpenAI project, an API key id, a cost
/// label), kept at ingest: the vendor keys page suggests the tenant whose logs carry a key's value most often from
/// here, never from raw requests.
/// </summary>
public sealed class UsageTagHourly
{
    public const int MaxValueLength = 200;

    public required long TenantId { get; init; }
    public required DateTimeOffset Hour { get; init; }
    public required string Value { get; init; }
    public long Requests { get; init; }
}
