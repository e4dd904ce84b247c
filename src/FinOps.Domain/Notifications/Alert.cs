namespace FinOps.Domain.Notifications;

public enum AlertStatus { Open, Acknowledged, Resolved }

/// <summary>
/// Every alert, whatever raised it — a budget threshold crossed, a burn rate, a reconciliation window that does not
/// match — is one row of one table. <see cref="Key"/> is unique per (kind, scope, period or day, threshold), so an
/// evaluation that runs twice, or on two servers at once, cannot raise it twice.
/// </summary>
public sealed class Alert
{
    public long Id { get; init; }
    public required string Key { get; init; }

    /// <summary><c>budget_actual</c>, <c>burn_rate</c>, <c>reconciliation.mismatch</c>, <c>reconciliation.unlogged</c>, …</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }
    public required string Body { get; init; }

    /// <summary>Where in the app it points.</summary>
    public required string Link { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>What it repeats (<c>reconciliation.mismatch:openai:gpt-4o</c>): alerts of one group on consecutive days are shown as one row.</summary>
    public string? GroupKey { get; init; }

    /// <summary>The group's words without the day (<c>openai gpt-4o is mismatch</c>).</summary>
    public string? GroupTitle { get; init; }

    /// <summary>The day (reporting zone) the condition was first true on: a replay of the same data finds the same day.</summary>
    public DateOnly? CrossedOn { get; init; }

    /// <summary>Whose it is besides finance: the team leads of this tenant see and receive it. Null = finance only.</summary>
    public long? TenantId { get; init; }
    public string? Tenant { get; init; }
    public string? Feature { get; init; }
    public string? Period { get; init; }

    /// <summary>Percent of the budget (50, 75, …) for budget alerts.</summary>
    public decimal? Threshold { get; init; }

    /// <summary>What was measured (cost to date, the window's spend) and what it was held against (the budget amount).</summary>
    public decimal? Value { get; init; }
    public decimal? Reference { get; init; }

    /// <summary>How far out of the ordinary (anomalies); null where the kind has none.</summary>
    public decimal? Score { get; init; }

    public AlertStatus Status { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgementNote { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>That one user has read one alert (the bell's unread count).</summary>
public sealed class AlertRead
{
    public required long AlertId { get; init; }
    public required string UserId { get; init; }
    public required DateTimeOffset ReadAt { get; init; }
}
