using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Usage;

/// <summary>
/// Drops the raw requests of every month older than the retention allows, oldest first, one month per transaction
/// (each drop is audited). Rollups, daily costs, statements, closes and invoices are never touched: closed periods
/// still export and late bills still re-allocate from the rollup; late usage for a dropped month is refused at ingest.
/// </summary>
public sealed class ApplyRawUsageRetention(IFinOpsDbContextFactory contexts, IUsagePartitions partitions, TimeProvider clock)
{
    /// <returns>The months dropped by this run with the bytes each freed (empty when nothing had expired).</returns>
    public async Task<IReadOnlyList<(DateOnly Month, long Bytes)>> HandleAsync(string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var retention = (await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).RawUsageRetention;
        var expired = retention.Expired(await partitions.ListAsync(cancellationToken), clock.GetUtcNow());
        var dropped = new List<(DateOnly, long)>();
        foreach (var month in expired)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = await partitions.DropAsync(month, cancellationToken);
            dropped.Add((month, bytes));
            db.AuditLog.Add(new AuditEntry
            {
                OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "raw_usage.dropped", EntityType = "token_usage",
                EntityId = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                Details = JsonSerializer.Serialize(new DropRecord(retention.Months, bytes)),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        return dropped;
    }

    private sealed record DropRecord(int RetentionMonths, long Bytes);
}
