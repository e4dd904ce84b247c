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

/// <summary>An alert to raise: what every kind has, and what budget and anomaly kinds add (their scope, measure and reference).</summary>
public sealed record NewAlert(string Key, string Kind, string Title, string Body, string Link, object Details)
{
    public NotificationGrouping? Grouping { get; init; }
    public DateOnly? CrossedOn { get; init; }
    public long? TenantId { get; init; }
    public string? Tenant { get; init; }
    public string? Feature { get; init; }
    public string? Period { get; init; }
    public decimal? Threshold { get; init; }
    public decimal? Value { get; init; }
    public decimal? Reference { get; init; }
    public decimal? Score { get; init; }
}

/// <summary>The alerts one evaluation run raised, delivered together at its end: digest endpoints get one message listing them.</summary>
public sealed class AlertBatch
{
    internal List<(long Id, NewAlert Alert, DateTimeOffset At)> Raised { get; } = [];

    public int Count => Raised.Count;
}

/// <summary>
/// Alerts in one table, raised once per key (the database's unique key decides, so concurrent runs cannot raise one
/// twice), read per user in the bell, and forwarded to every enabled webhook — one message per alert, or one per
/// run for endpoints that asked for a digest. Each names whom it is for: finance, and the team leads of its tenant.
/// </summary>
public sealed class NotificationCentre(IFinOpsDbContextFactory contexts, IWebhookScheduler webhooks, TimeProvider clock) : INotificationInbox
{
    /// <returns>True when this call raised it; false when it existed already.</returns>
    public async Task<bool> RaiseAsync(string key, string kind, string title, string body, string link, object details, CancellationToken cancellationToken,
        NotificationGrouping? grouping = null) =>
        await RaiseAsync(new NewAlert(key, kind, title, body, link, details) { Grouping = grouping, CrossedOn = grouping?.Day }, null, cancellationToken) is not null;

    /// <summary>Raises one alert; with a batch its delivery waits for <see cref="DeliverAsync"/>, otherwise it goes now.</summary>
    /// <returns>The new alert's id, or null when its key existed already.</returns>
    public async Task<long?> RaiseAsync(NewAlert alert, AlertBatch? batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var inserted = await db.Database.SqlQuery<long>($"""
            insert into alerts (key, kind, title, body, link, created_at, group_key, group_title, crossed_on, tenant_id, tenant, feature, period,
                                threshold, value, reference, score, status)
            values ({alert.Key}, {alert.Kind}, {alert.Title}, {alert.Body}, {alert.Link}, {now}, {alert.Grouping?.Key}, {alert.Grouping?.Title},
                    {alert.CrossedOn ?? alert.Grouping?.Day}, {alert.TenantId}, {alert.Tenant}, {alert.Feature}, {alert.Period},
                    {alert.Threshold}, {alert.Value}, {alert.Reference}, {alert.Score}, 'Open')
            on conflict (key) do nothing returning id as "Value"
            """).ToListAsync(cancellationToken);
        if (inserted.Count == 0) return null;
        var raised = (inserted[0], alert, now);
        if (batch is not null) batch.Raised.Add(raised);
        else await DeliverAsync([raised], cancellationToken);
        return inserted[0];
    }

    /// <summary>Sends what a run raised: each alert to every immediate endpoint, one digest to every digest endpoint.</summary>
    public async Task DeliverAsync(AlertBatch batch, CancellationToken cancellationToken) => await DeliverAsync(batch.Raised, cancellationToken);

    private async Task DeliverAsync(IReadOnlyList<(long Id, NewAlert Alert, DateTimeOffset At)> raised, CancellationToken cancellationToken)
    {
        if (raised.Count == 0) return;
        await using var db = await contexts.CreateAsync(cancellationToken);
        var endpoints = await db.WebhookEndpoints.Where(e => e.Enabled).Select(e => new { e.Id, e.Digest }).ToListAsync(cancellationToken);
        if (endpoints.Count == 0) return;
        var tenantIds = raised.Select(r => r.Alert.TenantId).OfType<long>().Distinct().ToList();
        var leads = await TeamLeadsAsync(db, tenantIds, cancellationToken);
        object Audience(NewAlert a) => new { finance = true, tenant = a.Tenant, team_leads = a.TenantId is { } t ? leads.GetValueOrDefault(t, []) : [] };
        object Payload(long id, NewAlert a, DateTimeOffset at) => new
        {
            @event = a.Kind, id, title = a.Title, body = a.Body, link = a.Link, created_at = at, details = a.Details, audience = Audience(a),
        };
        var now = clock.GetUtcNow();
        var deliveries = new List<WebhookDelivery>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Digest)
            {
                var digest = JsonSerializer.Serialize(new
                {
                    @event = "alerts.digest", count = raised.Count, created_at = now, alerts = raised.Select(r => Payload(r.Id, r.Alert, r.At)),
                });
                deliveries.Add(new WebhookDelivery { EndpointId = endpoint.Id, Event = "alerts.digest", Payload = digest, CreatedAt = now });
            }
            else
                deliveries.AddRange(raised.Select(r => new WebhookDelivery
                {
                    EndpointId = endpoint.Id, Event = r.Alert.Kind, Payload = JsonSerializer.Serialize(Payload(r.Id, r.Alert, r.At)), CreatedAt = now,
                }));
        }
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var delivery in deliveries) webhooks.Enqueue(delivery.Id);
    }

    /// <summary>The e-mail addresses of each tenant's team leads (whom a tenant's alert is for, besides finance).</summary>
    private static async Task<Dictionary<long, string[]>> TeamLeadsAsync(IFinOpsDbContext db, IReadOnlyList<long> tenantIds, CancellationToken cancellationToken)
    {
        if (tenantIds.Count == 0) return [];
        var ids = tenantIds.ToArray();
        var rows = await db.Database.SqlQuery<TenantLead>($"""
            select a.tenant_id, u.email from tenant_assignments a join users u on u.id = a.user_id
            join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
            where a.tenant_id = any({ids}) and r.name = 'TeamLead' and u.email is not null
            """).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.TenantId).ToDictionary(g => g.Key, g => g.Select(r => r.Email).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>How many of the latest notifications are grouped for the bell.</summary>
    private const int Window = 1000;

    public async Task<IReadOnlyList<NotificationGroup>> ListAsync(string userId, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // The latest notifications (a bounded window), grouped: many windows of one unmapped model are one row.
        var rows = await db.Alerts.AsNoTracking().OrderByDescending(n => n.Id).Take(Window)
            .Select(n => new { n.Id, n.Kind, n.Tenant, n.Feature, n.Period, n.Title, n.Body, n.Link, n.CreatedAt, n.GroupKey, n.GroupTitle, n.CrossedOn,
                Read = db.AlertReads.Any(r => r.AlertId == n.Id && r.UserId == userId) })
            .ToListAsync(cancellationToken);
        // Alerts without a group of their own fold by kind and scope, so the bell shows the alerts inbox's episodes.
        var entries = rows.Select(n => n.GroupKey is null && n.CrossedOn is not null && n.Tenant is not null
                ? new NotificationEntry(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.Read, $"{n.Kind}:{n.Tenant}:{n.Feature}:{n.Period}",
                    $"{n.Tenant}{(string.IsNullOrEmpty(n.Feature) ? "" : "/" + n.Feature)}: {EpisodeWords(n.Kind)}", n.CrossedOn)
                : new NotificationEntry(n.Id, n.Title, n.Body, n.Link, n.CreatedAt, n.Read, n.GroupKey, n.GroupTitle, n.CrossedOn))
            .ToList();
        return NotificationDigest.Group(entries).Take(take).ToList();
    }

    private static string EpisodeWords(string kind) => kind switch
    {
        "budget_actual" => "budget thresholds crossed",
        "budget_forecast" => "forecast over budget",
        "burn_rate" => "spending fast",
        "cost_anomaly" => "cost anomalies",
        "token_inflation" => "prompts growing",
        "runaway_trace" => "runaway loops",
        _ => kind.Replace('_', ' '),
    };

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Alerts.CountAsync(n => !db.AlertReads.Any(r => r.AlertId == n.Id && r.UserId == userId), cancellationToken);
    }

    public async Task MarkReadAsync(string userId, IReadOnlyCollection<long>? notificationIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (notificationIds is not null)
        {
            var ids = notificationIds.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                insert into alert_reads (alert_id, user_id, read_at) select id, {userId}, {now} from alerts where id = any({ids}) on conflict do nothing
                """, cancellationToken);
        }
        else
            await db.Database.ExecuteSqlAsync($"""
                insert into alert_reads (alert_id, user_id, read_at) select id, {userId}, {now} from alerts on conflict do nothing
                """, cancellationToken);
    }
}

internal sealed record TenantLead(long TenantId, string Email);
