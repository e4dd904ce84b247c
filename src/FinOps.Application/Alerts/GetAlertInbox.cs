using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

/// <summary>One line of the inbox: an episode with the latest alert's words and numbers, and its scope's display names.</summary>
public sealed record InboxLine(AlertEpisode Episode, string Title, string Body, string? TenantName, string? FeatureName, decimal? Threshold, decimal? Value,
    decimal? Reference, decimal? Score, string? AcknowledgedBy, string? AcknowledgementNote, long LatestId)
{
    public IReadOnlyList<long> Ids => Episode.Alerts.Select(a => a.Id).ToList();
}

/// <summary>The alerts inbox of a period: episodes through the caller's scope (finance all; a team lead their tenants'), open first.</summary>
public sealed class GetAlertInbox(IFinOpsReadDbContextFactory contexts)
{
    public async Task<(string Currency, IReadOnlyList<InboxLine> Lines)> HandleAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var unrestricted = db.Scope.IsUnrestricted;
        var visible = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug, t.DisplayName }).ToListAsync(cancellationToken));
        var ids = visible.Select(t => t.Id).ToList();
        // Alerts of no tenant (bills against logs) are the organisation's: finance's only.
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Period == text && (unrestricted || (a.TenantId != null && ids.Contains(a.TenantId.Value))))
            .OrderBy(a => a.Id).Take(ListAlerts.Limit).ToListAsync(cancellationToken);
        var byId = alerts.ToDictionary(a => a.Id);
        var tenantNames = visible.ToDictionary(t => t.Slug.Value, t => t.DisplayName, StringComparer.Ordinal);
        var featureNames = (await db.Features.AsNoTracking().Select(f => new { f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Slug.Value, f => f.DisplayName, StringComparer.Ordinal);
        var episodes = AlertEpisodes.Group(alerts.Select(a => new AlertFacts(a.Id, a.Kind, a.Tenant, a.Feature, a.GroupKey, a.CrossedOn, a.Status)));
        return (currency, episodes.Select(e =>
        {
            var latest = byId[e.Alerts.MaxBy(a => (a.CrossedOn ?? DateOnly.MinValue, a.Id))!.Id];
            var acknowledged = e.Alerts.Select(a => byId[a.Id]).LastOrDefault(a => a.AcknowledgedBy is not null);
            return new InboxLine(e, latest.GroupTitle ?? latest.Title, latest.Body, e.Tenant is { } t ? tenantNames.GetValueOrDefault(t, t) : null,
                e.Feature is { } f ? featureNames.GetValueOrDefault(f, f) : null, e.Alerts.Select(a => byId[a.Id].Threshold).Max(), latest.Value, latest.Reference,
                latest.Score, acknowledged?.AcknowledgedBy, acknowledged?.AcknowledgementNote, latest.Id);
        }).ToList());
    }
}
