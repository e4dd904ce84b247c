using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Usage;

/// <summary>
/// How many months of raw requests the organisation keeps (default 13): shown with what is stored and what was
/// dropped, and changed by finance (audited). The drop itself is <see cref="ApplyRawUsageRetention"/>'s.
/// </summary>
public sealed class ManageRawUsageRetention(IFinOpsDbContextFactory contexts, IUsagePartitions partitions, TimeProvider clock)
{
    public async Task<RawUsageRetentionStatus> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var retention = (await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).RawUsageRetention;
        var dropped = await db.DroppedUsageMonths.AsNoTracking().OrderBy(d => d.Month).ToListAsync(cancellationToken);
        var sizes = await partitions.SizesAsync(cancellationToken);
        var first = sizes.Count == 0 ? DateTimeOffset.MaxValue : new DateTimeOffset(sizes.Keys.Min().ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var requests = await db.UsageHourly.AsNoTracking().Where(h => h.Hour >= first)
            .GroupBy(h => new { h.Hour.Year, h.Hour.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Requests = g.Sum(h => h.Requests) })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var keptFrom = retention.KeptFrom(now);
        var stored = sizes.OrderBy(s => s.Key)
            .Select(s => new StoredUsageMonth(s.Key, requests.Where(r => r.Year == s.Key.Year && r.Month == s.Key.Month).Sum(r => r.Requests), s.Value, s.Key < keptFrom))
            .ToList();
        return new RawUsageRetentionStatus(retention.Months, keptFrom, stored, dropped);
    }

    /// <returns>Why the months are refused, or null once they are the rule.</returns>
    public async Task<string?> SetAsync(int months, string actor, CancellationToken cancellationToken)
    {
        var rule = new RawUsageRetention(months);
        if (rule.Problem is { } problem) return problem;
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.SingleAsync(cancellationToken);
        if (settings.RawUsageRetentionMonths == months) return null;
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "raw_usage_retention.changed", EntityType = "organisation_settings", EntityId = "raw_usage_retention",
            Details = JsonSerializer.Serialize(new RetentionChange(settings.RawUsageRetentionMonths, months)),
        });
        settings.RawUsageRetentionMonths = months;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private sealed record RetentionChange(int OldMonths, int NewMonths);
}
