using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Notifications;

public sealed record NotificationView(long Id, string Kind, string Title, string Body, string Link, DateTimeOffset CreatedAt, bool Read);

/// <summary>Sends a stored delivery in the background (Hangfire, with backoff).</summary>
public interface IWebhookScheduler
{
    void Enqueue(long deliveryId);
}

/// <summary>What the bell shows one user: their unread count, the latest notifications, and marking them read.</summary>
public interface INotificationInbox
{
    Task<IReadOnlyList<NotificationView>> ListAsync(string userId, int take, CancellationToken cancellationToken);
    Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken);
    Task MarkReadAsync(string userId, long? notificationId, CancellationToken cancellationToken);
}

/// <summary>
/// Finance's notifications: raised once per key (the database's unique key decides, so concurrent jobs cannot
/// raise one twice), read per user, and forwarded to every enabled webhook.
/// </summary>
public sealed class NotificationCentre(IFinOpsDbContextFactory contexts, IWebhookScheduler webhooks, TimeProvider clock) : INotificationInbox
{
    /// <returns>True when this call raised it; false when it existed already.</returns>
    public async Task<bool> RaiseAsync(string key, string kind, string title, string body, string link, object details, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var inserted = await db.Database.SqlQuery<long>($"""
            insert into notifications (key, kind, title, body, link, created_at) values ({key}, {kind}, {title}, {body}, {link}, {now})
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

    public async Task<IReadOnlyList<NotificationView>> ListAsync(string userId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Notifications.AsNoTracking().OrderByDescending(n => n.Id).Take(take)
            .Select(n => new NotificationView(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt,
                db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId)))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId), cancellationToken);
    }

    public async Task MarkReadAsync(string userId, long? notificationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (notificationId is { } id)
            await db.Database.ExecuteSqlAsync($"insert into notification_reads (notification_id, user_id, read_at) values ({id}, {userId}, {now}) on conflict do nothing", cancellationToken);
        else
            await db.Database.ExecuteSqlAsync($"""
                insert into notification_reads (notification_id, user_id, read_at) select id, {userId}, {now} from notifications on conflict do nothing
                """, cancellationToken);
    }
}
