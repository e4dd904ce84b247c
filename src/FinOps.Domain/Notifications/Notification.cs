namespace FinOps.Domain.Notifications;

/// <summary>
/// Something finance should look at, raised once: <see cref="Key"/> is unique (e.g. a reconciliation window and its
/// status), so a job that runs twice — or on two servers at once — cannot raise it twice.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }

    /// <summary>Where in the app it points (the grid cell of its window).</summary>
    public required string Link { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>That one user has read one notification.</summary>
public sealed class NotificationRead
{
    public required long NotificationId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
}
