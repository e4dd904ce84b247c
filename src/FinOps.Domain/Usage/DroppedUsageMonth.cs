namespace FinOps.Domain.Usage;

/// <summary>
/// A UTC month whose raw requests were dropped by retention: what it held and when it went. Usage for this month or
/// an earlier one can no longer be ingested (its duplicates could not be told from new requests).
/// </summary>
public sealed class DroppedUsageMonth
{
    /// <summary>First day of the UTC month.</summary>
    public DateOnly Month { get; init; }

    /// <summary>Requests the month held, from the hourly rollup (which stays).</summary>
    public long Requests { get; init; }

    /// <summary>Disk the month's raw requests took (table, indexes, TOAST), as PostgreSQL measured it before the drop.</summary>
    public long Bytes { get; init; }

    public DateTimeOffset DroppedAt { get; init; }
}
