using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

/// <summary>Alerts resolve themselves when their condition no longer holds and reopen when it is back (acknowledged ones stay acknowledged).</summary>
internal static class AlertSettlement
{
    /// <param name="keys">The alerts an evaluation looked at.</param>
    /// <param name="holding">Those of them whose condition holds now.</param>
    public static async Task<(int Resolved, int Reopened)> SettleAsync(IFinOpsDbContextFactory contexts, TimeProvider clock, IReadOnlyList<string> keys,
        IReadOnlyList<string> holding, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return (0, 0);
        var gone = keys.Except(holding).ToArray();
        var back = holding.ToArray();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var resolved = gone.Length == 0 ? 0 : await db.Alerts.Where(a => gone.Contains(a.Key) && a.Status != AlertStatus.Resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AlertStatus.Resolved).SetProperty(a => a.ResolvedAt, now), cancellationToken);
        var reopened = back.Length == 0 ? 0 : await db.Alerts.Where(a => back.Contains(a.Key) && a.Status == AlertStatus.Resolved)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, a => a.AcknowledgedAt == null ? AlertStatus.Open : AlertStatus.Acknowledged)
                .SetProperty(a => a.ResolvedAt, (DateTimeOffset?)null), cancellationToken);
        return (resolved, reopened);
    }
}
