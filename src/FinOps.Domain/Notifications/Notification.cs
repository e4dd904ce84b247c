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

    /// <summary>What it repeats (<c>reconciliation.mismatch:openai:gpt-4o</c>): notifications of one group on consecutive days are shown as one row.</summary>
    public string? GroupKey { get; init; }

    /// <summary>The group's words without the day (<c>openai gpt-4o is mismatch</c>).</summary>
    public string? GroupTitle { get; init; }

    /// <summary>The day (reporting zone) the condition was seen on, for runs of days.</summary>
    public DateOnly? OccurredOn { get; init; }
}

/// <summary>That one user has read one notification.</summary>
public sealed class NotificationRead
{
    public required long NotificationId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
}
