namespace FinOps.Application.Usage;

/// <summary>The monthly (UTC) partitions of token_usage.</summary>
public interface IUsagePartitions
{
    /// <summary>Creates the partition holding <paramref name="month"/> unless it exists; true when it was created.</summary>
    Task<bool> EnsureAsync(DateOnly month, CancellationToken cancellationToken);

    /// <summary>First days of the months that have a partition, ascending.</summary>
    Task<IReadOnlyList<DateOnly>> ListAsync(CancellationToken cancellationToken);
}
