namespace FinOps.Domain.Billing;

/// <summary>
/// Reserved capacity finance declares (SEMANTICS §4): a commitment of a provider (an Azure PTU deployment, a Bedrock
/// provisioned model, a prepaid commitment), the deployment its usage is logged under, and its capacity in tokens per
/// minute from a day on (a later declaration of the same commitment replaces it from its day).
/// </summary>
public sealed record DeclaredCommitment(string Provider, string Id, string Deployment, decimal CapacityTokensPerMinute, DateOnly EffectiveFrom);

/// <summary>How commitments are named and recognised on bill lines.</summary>
public static class Commitments
{
    public const string PoolPrefix = "commitment:";

    /// <summary>The kept column the parsers write a recognised commitment to.</summary>
    public const string Tag = "commitment_id";

    public static string Pool(string provider, string id) => $"{PoolPrefix}{provider}:{id}";

    public static bool IsPool(string pool) => pool.StartsWith(PoolPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The LLM commitment a bill line pays for, as its parser recognised it (FOCUS <c>CommitmentDiscountId</c> on an AI
    /// service, a Bedrock provisioned-throughput usage type, an Azure provisioned meter), or null.
    /// </summary>
    public static string? IdOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Tag, out var id) && !string.IsNullOrWhiteSpace(id) ? id.Trim() : null;
}
