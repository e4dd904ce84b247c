namespace FinOps.Domain.Allocation;

/// <summary>One version of a rule as finance imported it; the JSON is the rule's own text, kept as written.</summary>
public sealed class AllocationRuleVersion
{
    public long Id { get; init; }
    public required string RuleId { get; init; }
    public required int Version { get; init; }
    public required string Pool { get; init; }
    public required string Definition { get; init; }
    public required DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
}

/// <summary>A period's statements as last computed: replaced whole on each run, with what they were computed from.</summary>
public sealed class StatementRun
{
    public long Id { get; init; }
    public required string Period { get; init; }
    public required DateTimeOffset ComputedAt { get; init; }
    public required string Trigger { get; init; }
    public required string Currency { get; init; }
    public required decimal CostTotal { get; init; }
    public required decimal ExactTotal { get; init; }
    public required decimal Total { get; init; }

    /// <summary>JSON: the rule versions (id → version) and price cards (ids) the run used.</summary>
    public required string Inputs { get; init; }
}

/// <summary>One statement line as stored (SEMANTICS §7).</summary>
public sealed class StatementRecord
{
    public long Id { get; init; }
    public required long RunId { get; init; }
    public required string LineKey { get; init; }
    public required LineType LineType { get; init; }
    public required string Tenant { get; init; }
    public required string Feature { get; init; }
    public required string Provider { get; init; }
    public required string Model { get; init; }
    public required string Pool { get; init; }
    public string? RuleId { get; init; }
    public int? RuleVersion { get; init; }
    public string? Driver { get; init; }
    public decimal? DriverQuantity { get; init; }
    public decimal? Share { get; init; }
    public required long InputTokens { get; init; }
    public required long CachedInputTokens { get; init; }
    public required long OutputTokens { get; init; }
    public required decimal ExactAmount { get; init; }
    public required decimal Amount { get; init; }
    public string? AdjustsPeriod { get; init; }

    /// <summary>How much of <see cref="ExactAmount"/> came by a vendor attribution key, and which keys (SEMANTICS §4 step 0).</summary>
    public decimal KeyAmount { get; init; }
    public string? AttributionKeys { get; init; }
}
