using FinOps.Domain.Notifications;

namespace FinOps.Domain.Tests.Notifications;

public class NotificationDigestTests
{
    private static NotificationEntry Window(long id, string key, int day, bool read = false) =>
        new(id, $"w{id}", $"body {id}", $"/link/{id}", DateTimeOffset.Parse("2026-11-01T00:00:00Z").AddMinutes(id), read,
            key, key.Replace(':', ' '), new DateOnly(2026, 10, day));

    [Fact]
    public void Windows_of_one_condition_on_consecutive_days_are_one_row_naming_the_run()
    {
        var entries = Enumerable.Range(1, 31).Select(d => Window(d, "reconciliation.unlogged:aws-bedrock:mistral", d)).ToList();

        var group = Assert.Single(NotificationDigest.Group(entries));

        Assert.Equal(31, group.Count);
        Assert.Equal("reconciliation.unlogged aws-bedrock mistral from 2026-10-01 to 2026-10-31 (31 days)", group.Title);
        Assert.Equal("/link/1", group.Link);
        Assert.False(group.Read);
    }

    [Fact]
    public void A_gap_of_a_day_another_condition_or_an_ungrouped_notification_are_rows_of_their_own()
    {
        var entries = new List<NotificationEntry>
        {
            Window(1, "a", 1, read: true), Window(2, "a", 2, read: true), Window(3, "a", 4), Window(4, "b", 2),
            new(5, "test", "sent by hand", "/settings/webhooks", DateTimeOffset.Parse("2026-11-02T00:00:00Z"), false),
        };

        var groups = NotificationDigest.Group(entries);

        Assert.Equal(4, groups.Count);
        Assert.Equal("test", groups[0].Title);
        Assert.Contains(groups, g => g.Ids.SequenceEqual([1L, 2L]) && g.Read && g.From == new DateOnly(2026, 10, 1) && g.To == new DateOnly(2026, 10, 2));
        Assert.Contains(groups, g => g.Ids.SequenceEqual([3L]) && g.Title == "w3");
        Assert.Contains(groups, g => g.Ids.SequenceEqual([4L]));
        Assert.Equal(entries.Count, groups.Sum(g => g.Count));
    }

    [Fact]
    public void A_budgets_thresholds_of_a_month_are_one_row_whatever_their_days_as_in_the_alerts_inbox()
    {
        var entries = new List<NotificationEntry> { Window(1, "budget_actual:acme:chat:2026-10", 2), Window(2, "budget_actual:acme:chat:2026-10", 20),
            Window(3, "cost_anomaly:acme:chat:2026-10", 5), Window(4, "cost_anomaly:acme:chat:2026-10", 9) };

        var groups = NotificationDigest.Group(entries);

        Assert.Equal(3, groups.Count);
        var budget = Assert.Single(groups, g => g.Ids.Count == 2);
        Assert.Equal([1L, 2L], budget.Ids);
        Assert.StartsWith("2 alerts; the first:", budget.Body);
        Assert.Equal(2, groups.Count(g => g.Ids.Count == 1));
    }
}
