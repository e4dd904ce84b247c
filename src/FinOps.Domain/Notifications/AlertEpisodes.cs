namespace FinOps.Domain.Notifications;

/// <summary>What grouping needs of an alert: its kind and scope, its day and group, its status.</summary>
public sealed record AlertFacts(long Id, string Kind, string? Tenant, string? Feature, string? GroupKey, DateOnly? CrossedOn, AlertStatus Status);

/// <summary>One episode: alerts of one kind and scope on consecutive days (a budget's thresholds of a period form one), and how it stands.</summary>
public sealed record AlertEpisode(string Kind, string? Tenant, string? Feature, DateOnly? From, DateOnly? To, IReadOnlyList<AlertFacts> Alerts)
{
    /// <summary>Open while any of its alerts is; acknowledged when none is open and one is acknowledged; else resolved.</summary>
    public AlertStatus Status => Alerts.Any(a => a.Status == AlertStatus.Open) ? AlertStatus.Open
        : Alerts.Any(a => a.Status == AlertStatus.Acknowledged) ? AlertStatus.Acknowledged : AlertStatus.Resolved;
}

/// <summary>
/// Folds alerts into what a person reads as one event: a budget's thresholds in a period, a reconciliation window
/// group, or a scope's anomalies on consecutive days — one line per episode, not one per window or per day.
/// </summary>
public static class AlertEpisodes
{
    public static IReadOnlyList<AlertEpisode> Group(IEnumerable<AlertFacts> alerts)
    {
        var episodes = new List<AlertEpisode>();
        foreach (var scope in alerts.GroupBy(a => (a.Kind, a.Tenant, a.Feature, Group: a.GroupKey ?? "")))
        {
            var ordered = scope.OrderBy(a => a.CrossedOn ?? DateOnly.MinValue).ThenBy(a => a.Id).ToList();
            // Budget alerts are one episode per budget and period whatever their days; others break where a day is skipped.
            var continuous = scope.Key.Kind.StartsWith("budget_", StringComparison.Ordinal);
            var current = new List<AlertFacts>();
            foreach (var alert in ordered)
            {
                if (current.Count > 0 && !continuous && alert.CrossedOn is { } day && current[^1].CrossedOn is { } last && day.DayNumber - last.DayNumber > 1)
                {
                    episodes.Add(Episode(scope.Key.Kind, scope.Key.Tenant, scope.Key.Feature, current));
                    current = [];
                }
                current.Add(alert);
            }
            if (current.Count > 0) episodes.Add(Episode(scope.Key.Kind, scope.Key.Tenant, scope.Key.Feature, current));
        }
        return episodes.OrderBy(e => e.Status == AlertStatus.Resolved).ThenByDescending(e => e.To ?? DateOnly.MinValue).ThenBy(e => e.Kind, StringComparer.Ordinal).ToList();
    }

    private static AlertEpisode Episode(string kind, string? tenant, string? feature, List<AlertFacts> alerts) =>
        new(kind, tenant, feature, alerts.Min(a => a.CrossedOn), alerts.Max(a => a.CrossedOn), alerts);
}
