using FinOps.Domain.Notifications;
using Xunit;

namespace FinOps.Domain.Tests.Notifications;

public sealed class AlertEpisodesTests
{
    private static AlertFacts A(long id, string kind, string? tenant, int day, AlertStatus status = AlertStatus.Open, string? group = null, string? feature = null) =>
        new(id, kind, tenant, feature, group, new DateOnly(2026, 10, day), status);

    [Fact]
    public void Consecutive_days_of_one_scope_are_one_episode_a_skipped_day_starts_another_and_a_budgets_thresholds_stay_together()
    {
        var episodes = AlertEpisodes.Group([
            A(1, "cost_anomaly", "acme", 3, feature: "chat"), A(2, "cost_anomaly", "acme", 4, feature: "chat"), A(3, "cost_anomaly", "acme", 7, AlertStatus.Resolved, feature: "chat"),
            A(4, "cost_anomaly", "globex", 4, feature: "chat"),
            A(5, "budget_actual", "acme", 2, AlertStatus.Resolved), A(6, "budget_actual", "acme", 20, AlertStatus.Acknowledged),
            A(7, "reconciliation.mismatch", null, 5, group: "g1"), A(8, "reconciliation.mismatch", null, 6, group: "g1"), A(9, "reconciliation.mismatch", null, 6, group: "g2"),
        ]);

        var summary = episodes.Select(e => (e.Kind, e.Tenant, e.From?.Day, e.To?.Day, e.Alerts.Count, e.Status)).ToList();
        Assert.Equal(6, episodes.Count);
        Assert.Contains(("cost_anomaly", "acme", 3, 4, 2, AlertStatus.Open), summary);
        Assert.Contains(("cost_anomaly", "acme", 7, 7, 1, AlertStatus.Resolved), summary);
        Assert.Contains(("budget_actual", "acme", 2, 20, 2, AlertStatus.Acknowledged), summary);
        Assert.Contains(((string, string?, int?, int?, int, AlertStatus))("reconciliation.mismatch", null, 5, 6, 2, AlertStatus.Open), summary);
        Assert.Equal(AlertStatus.Resolved, episodes[^1].Status);
    }
}
