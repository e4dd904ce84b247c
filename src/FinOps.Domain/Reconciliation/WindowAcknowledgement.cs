namespace FinOps.Domain.Reconciliation;

/// <summary>
/// Finance has looked at a flagged window and explains it (a known outage, a credit on its way). The window stays
/// visible with its status but stops alerting. Keyed by the window, not the run: it survives every later run.
/// </summary>
public sealed class WindowAcknowledgement
{
    public long Id { get; init; }
    public required int ProviderId { get; init; }
    public required string Model { get; init; }
    public required DateTimeOffset WindowStart { get; init; }
    public required DateTimeOffset WindowEnd { get; init; }
    public required string Note { get; init; }
    public required string AcknowledgedBy { get; init; }
    public required DateTimeOffset AcknowledgedAt { get; init; }
}
