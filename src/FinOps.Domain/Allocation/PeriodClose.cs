namespace FinOps.Domain.Allocation;

/// <summary>
/// A closed period (SEMANTICS §1, §7): its statement lines are snapshotted beside it, with the hashes of every input
/// file, the rule versions and the price cards. The database refuses any change to a close or its snapshot.
/// </summary>
public sealed class PeriodClose
{
    public required string Period { get; init; }
    public required DateTimeOffset ClosedAt { get; init; }
    public required string ClosedBy { get; init; }
    public required string Currency { get; init; }
    public required decimal Total { get; init; }

    /// <summary>The blockers acknowledged to close, and why (null when there were none).</summary>
    public string? Acknowledgement { get; init; }

    /// <summary>JSON: blockers at close, input file hashes, rule versions, price cards (full values).</summary>
    public required string Snapshot { get; init; }
}

/// <summary>One statement line frozen at close; never updated, never deleted.</summary>
public sealed class ClosedStatementLine
{
    public long Id { get; init; }
    public required string Period { get; init; }
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
    public decimal KeyAmount { get; init; }
    public string? AttributionKeys { get; init; }
}
