namespace FinOps.Application.Usage;

/// <summary>
/// Keeps token_usage partitions ready ahead of the data: the current UTC month and the next
/// <see cref="MonthsAhead"/>. Idempotent; ingest also creates partitions for older months it meets.
/// </summary>
public sealed class MaintainUsagePartitions(IUsagePartitions partitions, TimeProvider clock)
{
    public const int MonthsAhead = 3;

    /// <returns>The months whose partition this run created (empty when all existed).</returns>
    public async Task<IReadOnlyList<DateOnly>> HandleAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = new DateOnly(now.Year, now.Month, 1);
        var created = new List<DateOnly>();
        for (var i = 0; i <= MonthsAhead; i++)
        {
            var month = current.AddMonths(i);
            if (await partitions.EnsureAsync(month, cancellationToken)) created.Add(month);
        }
        return created;
    }
}
