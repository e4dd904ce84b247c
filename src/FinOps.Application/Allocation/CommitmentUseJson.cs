using FinOps.Domain.Allocation;

namespace FinOps.Application.Allocation;

/// <summary>A commitment's use as a statement run stores it (in its inputs), so pages read it instead of allocating the period again.</summary>
internal sealed record CommitmentUseJson(string pool, string provider, string commitment, string deployment, decimal cost, long used_tokens, decimal? capacity_tokens,
    string idle)
{
    public static CommitmentUseJson Of(CommitmentUse u) =>
        new(u.Pool, u.Provider, u.Commitment, u.Deployment, u.Cost, u.UsedTokens, u.CapacityTokens, u.Idle.ToString());

    public CommitmentUse ToUse() => new(pool, provider, commitment, deployment, cost, used_tokens, capacity_tokens, Enum.Parse<IdleTreatment>(idle));
}
