namespace FinOps.Domain.Catalog;

/// <summary>An LLM vendor or a self-hosted platform, under one normalised slug (<c>OpenAI</c> → <c>openai</c>).</summary>
public sealed class Provider
{
    public int Id { get; init; }
    public required string Slug { get; init; }
    public required string DisplayName { get; set; }

    /// <summary>Hours by which this provider's export days are shifted from UTC (SEMANTICS §1, §3); 0 when it writes true UTC.</summary>
    public int BillingDayOffsetHours { get; set; }
}
