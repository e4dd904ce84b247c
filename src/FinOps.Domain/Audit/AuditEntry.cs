namespace FinOps.Domain.Audit;

/// <summary>Who changed what, when, from what to what. Append-only: the database refuses updates and deletes.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Actor { get; init; }

    /// <summary>A dotted verb such as <c>price_card.changed</c> or <c>period.closed</c>.</summary>
    public required string Action { get; init; }

    public required string EntityType { get; init; }
    public string? EntityId { get; init; }

    /// <summary>JSON with the old and new values and any reason given.</summary>
    public string? Details { get; init; }
}
