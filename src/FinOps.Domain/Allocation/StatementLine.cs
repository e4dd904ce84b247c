namespace FinOps.Domain.Allocation;

public enum LineType { Direct, Allocated, Idle, Unallocated, Adjustment }

/// <summary>
/// One statement line of a period (SEMANTICS §7), keyed <c>line_type|tenant|feature|provider|model|pool</c>: its exact
/// amount (Σ of unrounded shares) and its amount after the period's one rounding. A direct line records how much of its
/// exact amount came by a vendor attribution key (<see cref="KeyAmount"/>) and which keys (<see cref="Keys"/>).
/// </summary>
public sealed record StatementLine(
    LineType Type, string Tenant, string Feature, string Provider, string Model, string Pool, string? RuleId, int? RuleVersion, string? Driver,
    decimal? DriverQuantity, decimal? Share, long InputTokens, long CachedInputTokens, long OutputTokens, decimal ExactAmount, decimal Amount,
    string? AdjustsPeriod = null, decimal KeyAmount = 0m, string? Keys = null)
{
    public string Key => KeyOf(Type, Tenant, Feature, Provider, Model, Pool, AdjustsPeriod);

    /// <summary>An adjustment's key is the corrected line's key and the closed period it corrects (one line per both).</summary>
    public static string KeyOf(LineType type, string tenant, string feature, string provider, string model, string pool, string? adjustsPeriod = null) =>
        adjustsPeriod is null ? $"{TypeName(type)}|{tenant}|{feature}|{provider}|{model}|{pool}" : $"{TypeName(type)}|{tenant}|{feature}|{provider}|{model}|{pool}|{adjustsPeriod}";

    public static string TypeName(LineType type) => type.ToString().ToLowerInvariant();
}

/// <summary>
/// Late data's exact effect on one line of a closed period (SEMANTICS §7): booked in the first open period after it,
/// under the corrected line's tenant, feature, provider, model and pool, rounded with that period's one rounding.
/// </summary>
public sealed record Adjustment(string ClosedPeriod, string Tenant, string Feature, string Provider, string Model, string Pool, decimal ExactAmount);

public sealed record AllocationResult(IReadOnlyList<StatementLine> Lines, decimal CostTotal, decimal ExactTotal, decimal Total, IReadOnlyList<string> Warnings)
{
    /// <summary>Each commitment pool of the period: its cost, the tokens its deployment used, its declared capacity.</summary>
    public IReadOnlyList<CommitmentUse> Commitments { get; init; } = [];

    /// <summary>SEMANTICS §7's identity: the lines hold every cost of the period exactly, and their rounded sum is the rounded total.</summary>
    public bool IdentityHolds => ExactTotal == CostTotal && Lines.Sum(l => l.Amount) == Total;
}

/// <summary>
/// A commitment's period (SEMANTICS §4): its cost, the tokens of the usage that ran on it, its capacity in tokens (null
/// when none is declared) and how its idle part is treated; idle cost = cost × max(0, 1 − used ÷ capacity) whatever the treatment.
/// </summary>
public sealed record CommitmentUse(string Pool, string Provider, string Commitment, string Deployment, decimal Cost, long UsedTokens, decimal? CapacityTokens,
    IdleTreatment Idle)
{
    public decimal? Utilisation => CapacityTokens is { } capacity and > 0m ? UsedTokens / capacity : null;

    public decimal? IdleCost => CapacityTokens is { } capacity and > 0m ? Cost * Math.Max(0m, 1m - UsedTokens / capacity) : null;
}
