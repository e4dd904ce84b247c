using System.Globalization;

namespace FinOps.Domain.Notifications;

/// <summary>One stored notification as a reader sees it: whether they read it, and what it repeats.</summary>
public sealed record NotificationEntry(long Id, string Title, string Body, string Link, DateTimeOffset CreatedAt, bool Read,
    string? GroupKey = null, string? GroupTitle = null, DateOnly? Day = null);

/// <summary>What the bell shows as one row: one notification, or a run of days of the same condition.</summary>
public sealed record NotificationGroup(IReadOnlyList<long> Ids, string Title, string Body, string Link, DateTimeOffset LatestAt, bool Read,
    DateOnly? From = null, DateOnly? To = null)
{
    public int Count => Ids.Count;
}

/// <summary>
/// Notifications stay one per window (their unique key), but people read them grouped: the same condition
/// (provider × model × status) on consecutive days is one row naming the run of days; a gap of a day starts a new row.
/// </summary>
public static class NotificationDigest
{
    public static IReadOnlyList<NotificationGroup> Group(IEnumerable<NotificationEntry> entries)
    {
        var groups = new List<NotificationGroup>();
        var all = entries.ToList();
        foreach (var single in all.Where(e => e.GroupKey is null || e.Day is null))
            groups.Add(new NotificationGroup([single.Id], single.Title, single.Body, single.Link, single.CreatedAt, single.Read));

        foreach (var byKey in all.Where(e => e.GroupKey is not null && e.Day is not null).GroupBy(e => e.GroupKey!, StringComparer.Ordinal))
        {
            var run = new List<NotificationEntry>();
            foreach (var entry in byKey.OrderBy(e => e.Day).ThenBy(e => e.Id))
            {
                // A budget's thresholds of a month are one episode whatever their days (as the alerts inbox shows them).
                if (run.Count > 0 && !byKey.Key.StartsWith("budget_", StringComparison.Ordinal) && entry.Day!.Value.DayNumber - run[^1].Day!.Value.DayNumber > 1)
                {
                    groups.Add(Run(run));
                    run = [];
                }
                run.Add(entry);
            }
            if (run.Count > 0) groups.Add(Run(run));
        }
        return groups.OrderByDescending(g => g.LatestAt).ThenByDescending(g => g.Ids.Max()).ToList();
    }

    private static NotificationGroup Run(List<NotificationEntry> run)
    {
        var (first, last) = (run[0], run[^1]);
        if (run.Count == 1)
            return new NotificationGroup([first.Id], first.Title, first.Body, first.Link, first.CreatedAt, first.Read, first.Day, first.Day);
        var (from, to) = (first.Day!.Value, last.Day!.Value);
        var days = to.DayNumber - from.DayNumber + 1;
        var title = from == to
            ? $"{first.GroupTitle} on {Day(from)}"
            : $"{first.GroupTitle} from {Day(from)} to {Day(to)} ({days} days)";
        // Reconciliation runs are windows of bills against logs; budget, anomaly and inflation episodes are alerts.
        var what = Episodic.Any(k => first.GroupKey!.StartsWith(k, StringComparison.Ordinal)) ? "alerts" : "windows";
        return new NotificationGroup(run.Select(e => e.Id).ToList(), title, $"{run.Count} {what}; the first: {first.Body}", first.Link,
            run.Max(e => e.CreatedAt), run.All(e => e.Read), from, to);
    }

    private static readonly string[] Episodic = ["budget_", "burn_rate", "cost_anomaly", "token_inflation"];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
