namespace FinOps.Domain.Notifications;

/// <summary>
/// Where notifications are also POSTed, as JSON signed with HMAC-SHA256 over the body using <see cref="Secret"/>
/// (header <c>X-FinOps-Signature: sha256=&lt;hex&gt;</c>).
/// </summary>
public sealed class WebhookEndpoint
{
    public long Id { get; init; }
    public required string Url { get; set; }
    public required string Secret { get; init; }
    public bool Enabled { get; set; } = true;

    /// <summary>One message per evaluation run listing every new alert, instead of one per alert: a bad day is one message, not sixty.</summary>
    public bool Digest { get; set; }

    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

public enum WebhookDeliveryStatus { Pending, Retrying, Delivered, Failed }

/// <summary>One event sent (or being sent) to one endpoint, with its attempts and the last answer.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; init; }
    public required long EndpointId { get; init; }
    public required string Event { get; init; }
    public required string Payload { get; init; }
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastResponse { get; set; }
    public string? LastError { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
