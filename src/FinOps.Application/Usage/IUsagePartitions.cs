namespace FinOps.Application.Usage;

/// <summary>The monthly (UTC) partitions of token_usage.</summary>
public interface IUsagePartitions
{
    /// <summary>Creates the partition holding <paramref name="month"/> unless it exists; true when it was created.</summary>
    Task<bool> EnsureAsync(DateOnly month, CancellationToken cancellationToken);

    /// <summary>
    /// Drops the raw requests of <paramref name="month"/> (a past month): records what it held in dropped_usage_months,
    /// releases its request keys, detaches and drops its partition. Rollups are untouched. Answers the bytes freed.
    /// </summary>
    Task<long> DropAsync(DateOnly month, CancellationToken cancellationToken);

    /// <summary>Disk the raw requests of each stored month take (table, indexes, TOAST), in bytes.</summary>
    Task<IReadOnlyDictionary<DateOnly, long>> SizesAsync(CancellationToken cancellationToken);

    /// <summary>First days of the months that have a partition, ascending.</summary>
    Task<IReadOnlyList<DateOnly>> ListAsync(CancellationToken cancellationToken);
}
