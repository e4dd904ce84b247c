namespace FinOps.Domain.Budgets;

/// <summary>A budget as stored: periods written <c>YYYY-MM</c> (<see cref="LastPeriod"/> null = open-ended), thresholds in percent.</summary>
public sealed class StoredBudget
{
    public long Id { get; init; }
    public required long TenantId { get; set; }
    public long? FeatureId { get; set; }
    public required string FirstPeriod { get; set; }
    public string? LastPeriod { get; set; }
    public required decimal Amount { get; set; }
    public required string Currency { get; set; }
    public required decimal[] Thresholds { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
