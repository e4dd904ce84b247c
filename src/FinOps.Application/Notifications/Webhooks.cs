using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Notifications;

/// <summary>The signature receivers check: <c>X-FinOps-Signature: sha256=&lt;lower-case hex of HMAC-SHA256(secret, raw body)&gt;</c>.</summary>
public static class WebhookSignature
{
    public const string Header = "X-FinOps-Signature";

    public static string For(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

/// <summary>One HTTP POST of a delivery: the answer's status and the first part of its body, or the error.</summary>
public sealed record WebhookAnswer(int? StatusCode, string? Body, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

public interface IWebhookTransport
{
    Task<WebhookAnswer> PostAsync(string url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken);
}

/// <param name="Digest">One message per evaluation run listing every new alert, instead of one per alert.</param>
public sealed record WebhookEndpointView(long Id, string Url, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy, bool Digest = false);
public sealed record CreatedWebhook(WebhookEndpointView Endpoint, string Secret);
public sealed record WebhookDeliveryView(long Id, long EndpointId, string Event, string Status, int Attempts, int? LastStatusCode, string? LastResponse,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>The organisation's webhook endpoints (Settings → Webhooks): add, enable, remove, send a test, see deliveries.</summary>
public sealed class ManageWebhooks(IFinOpsDbContextFactory contexts, IWebhookScheduler scheduler, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebhookEndpointView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.WebhookEndpoints.AsNoTracking().OrderBy(e => e.Id)
            .Select(e => new WebhookEndpointView(e.Id, e.Url, e.Enabled, e.CreatedAt, e.CreatedBy, e.Digest)).ToListAsync(cancellationToken);
    }

    public async Task<CreatedWebhook> CreateAsync(string url, string actor, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ArgumentException($"'{url}' is not an http(s) URL", nameof(url));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var endpoint = new WebhookEndpoint { Url = uri.ToString(), Secret = secret, CreatedBy = actor, CreatedAt = clock.GetUtcNow() };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedWebhook(new WebhookEndpointView(endpoint.Id, endpoint.Url, true, endpoint.CreatedAt, actor), secret);
    }

    public async Task SetEnabledAsync(long id, bool enabled, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Enabled, enabled), cancellationToken);
    }

    /// <summary>Digest on: a bad day is one message listing every new alert of an evaluation run, not sixty.</summary>
    public async Task SetDigestAsync(long id, bool digest, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Digest, digest), cancellationToken);
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Queues a <c>test</c> event to one endpoint; its delivery shows up like any other.</summary>
    public async Task<long> SendTestAsync(long endpointId, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var delivery = new WebhookDelivery
        {
            EndpointId = endpointId, Event = "test", CreatedAt = clock.GetUtcNow(),
            Payload = JsonSerializer.Serialize(new { @event = "test", title = "FinOps webhook test", body = $"sent by {actor}", created_at = clock.GetUtcNow() }),
        };
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        scheduler.Enqueue(delivery.Id);
        return delivery.Id;
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> DeliveriesAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.Id).Take(take)
            .Select(d => new WebhookDeliveryView(d.Id, d.EndpointId, d.Event, d.Status.ToString(), d.Attempts, d.LastStatusCode, d.LastResponse, d.LastError,
                d.CreatedAt, d.LastAttemptAt, d.DeliveredAt))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// One attempt at one delivery: POST the stored payload, signed, and record the answer. A failed attempt throws so
/// the job runner retries it with backoff; <paramref name="finalAttempt"/> marks it failed for good instead.
/// </summary>
public sealed class DeliverWebhook(IFinOpsDbContextFactory contexts, IWebhookTransport transport, TimeProvider clock)
{
    public async Task HandleAsync(long deliveryId, bool finalAttempt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken);
        if (delivery.Status == WebhookDeliveryStatus.Delivered) return;
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is null) return;

        var answer = await transport.PostAsync(endpoint.Url, delivery.Payload, new Dictionary<string, string>
        {
            [WebhookSignature.Header] = WebhookSignature.For(endpoint.Secret, delivery.Payload),
            ["X-FinOps-Event"] = delivery.Event,
            ["X-FinOps-Delivery"] = delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        delivery.Attempts++;
        delivery.LastAttemptAt = clock.GetUtcNow();
        delivery.LastStatusCode = answer.StatusCode;
        delivery.LastResponse = answer.Body is { Length: > 2000 } body ? body[..2000] : answer.Body;
        delivery.LastError = answer.Error;
        delivery.Status = answer.Succeeded ? WebhookDeliveryStatus.Delivered : finalAttempt ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Retrying;
        if (answer.Succeeded) delivery.DeliveredAt = delivery.LastAttemptAt;
        await db.SaveChangesAsync(cancellationToken);
        if (!answer.Succeeded && !finalAttempt)
            throw new WebhookDeliveryFailed($"webhook delivery #{deliveryId} to {endpoint.Url} failed: {answer.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? answer.Error}");
    }
}

public sealed class WebhookDeliveryFailed(string message) : Exception(message);
