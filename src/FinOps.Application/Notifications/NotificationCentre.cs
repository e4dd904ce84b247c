using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Notifications;

/// <summary>How a notification repeats: its group, the group's words without the day, and the day it was seen on.</summary>
public sealed record NotificationGrouping(string Key, string Title, DateOnly Day);

/// <summary>Sends a stored delivery in the background (Hangfire, with backoff).</summary>
public interface IWebhookScheduler
{
    void Enqueue(long deliveryId);
}

/// <summary>What the bell shows one user: their unread count, the latest notifications grouped into runs of days, and marking them read.</summary>
public interface INotificationInbox
{
    Task<IReadOnlyList<NotificationGroup>> ListAsync(string userId, int take, CancellationToken cancellationToken);
    Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Marks the given notifications read, or all of them when <paramref name="notificationIds"/> is null.</summary>
    Task MarkReadAsync(string userId, IReadOnlyCollection<long>? notificationIds, CancellationToken cancellationToken);
}

/// <summary>
/// Finance's notifications: raised once per key (the database's unique key decides, so concurrent jobs cannot
/// raise one twice), read per user, and forwarded to every enabled webhook.
/// </summary>
public sealed class NotificationCentre(IFinOpsDbContextFactory contexts, IWebhookScheduler webhooks, TimeProvider clock) : INotificationInbox
{
    /// <returns>True when this call raised it; false when it existed already.</returns>
    public async Task<bool> RaiseAsync(string key, string kind, string title, string body, string link, object details, CancellationToken cancellationToken,
        NotificationGrouping? grouping = null)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var inserted = await db.Database.SqlQuery<long>($"""
            insert into notifications (key, kind, title, body, link, created_at, group_key, group_title, occurred_on)
            values ({key}, {kind}, {title}, {body}, {link}, {now}, {grouping?.Key}, {grouping?.Title}, {grouping?.Day})
            on conflict (key) do nothing returning id as "Value"
            """).ToListAsync(cancellationToken);
        if (inserted.Count == 0) return false;

        var payload = JsonSerializer.Serialize(new { @event = kind, id = inserted[0], title, body, link, created_at = now, details });
        var endpoints = await db.WebhookEndpoints.Where(e => e.Enabled).Select(e => e.Id).ToListAsync(cancellationToken);
        var deliveries = endpoints.Select(id => new WebhookDelivery { EndpointId = id, Event = kind, Payload = payload, CreatedAt = now }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var delivery in deliveries) webhooks.Enqueue(delivery.Id);
        return true;
    }

    /// <summary>How many of the latest notifications are grouped for the bell.</summary>
    private const int Window = 1000;

    public async Task<IReadOnlyList<NotificationGroup>> ListAsync(string userId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // The latest notifications (a bounded window), grouped: many windows of one unmapped model are one row.
        var entries = await db.Notifications.AsNoTracking().OrderByDescending(n => n.Id).Take(Window)
            .Select(n => new NotificationEntry(n.Id, n.Title, n.Body, n.Link, n.CreatedAt,
                db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId), n.GroupKey, n.GroupTitle, n.OccurredOn))
            .ToListAsync(cancellationToken);
        return NotificationDigest.Group(entries).Take(take).ToList();
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId), cancellationToken);
    }

    public async Task MarkReadAsync(string userId, IReadOnlyCollection<long>? notificationIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (notificationIds is not null)
        {
            var ids = notificationIds.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                insert into notification_reads (notification_id, user_id, read_at) select id, {userId}, {now} from notifications where id = any({ids}) on conflict do nothing
                """, cancellationToken);
        }
        else
            await db.Database.ExecuteSqlAsync($"""
                insert into notification_reads (notification_id, user_id, read_at) select id, {userId}, {now} from notifications on conflict do nothing
                """, cancellationToken);
    }
}
