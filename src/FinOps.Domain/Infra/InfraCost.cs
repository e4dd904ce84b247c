namespace FinOps.Domain.Infra;

public enum InfraCostCategory { GpuHours, Power, Cooling, OpsStaff, HardwareAmortization, Network, Other }

/// <summary>
/// A self-hosted cost row (SEMANTICS §2): the whole amount of its span, spread over periods by seconds of overlap
/// when it is used. A hardware row spans the asset's life and carries its total.
/// </summary>
public sealed class InfraCost
{
    public long Id { get; init; }
    public required long FileId { get; init; }
    public required int LineNumber { get; init; }
    public required string Pool { get; init; }
    public required InfraCostCategory Category { get; init; }
    public required DateTimeOffset PeriodStart { get; init; }
    public required DateTimeOffset PeriodEnd { get; init; }
    public decimal? Quantity { get; init; }
    public string? Unit { get; init; }
    public decimal? UnitPrice { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public string? Description { get; init; }
}
