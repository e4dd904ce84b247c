using System.Globalization;
using FinOps.Application.Alerts;
using FinOps.Domain.Notifications;

namespace FinOps.Web.Features.Alerts;

/// <summary>How an inbox line reads: kind in words, its days, its numbers with the currency, and where to look next.</summary>
public static class AlertInboxModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Kind(string kind) => Overview.OverviewPageModel.AlertKind(kind);

    public static string Days(AlertEpisode episode) => (episode.From, episode.To) switch
    {
        ({ } from, { } to) when from == to => from.ToString("MMM d, yyyy", Invariant),
        ({ } from, { } to) => $"{from.ToString("MMM d", Invariant)} – {to.ToString("MMM d, yyyy", Invariant)} ({to.DayNumber - from.DayNumber + 1} days)",
        _ => "",
    };

    public static string Status(AlertEpisode episode) => episode.Status switch
    {
        AlertStatus.Open => "Open",
        AlertStatus.Acknowledged => "Acknowledged",
        _ => "Resolved",
    };

    public static string Numbers(InboxLine line, string currency)
    {
        string Money(decimal? v) => v is null ? "" : Shared.MoneyText.Format(v, currency);
        var parts = new List<string>();
        if (line.Episode.Kind.StartsWith("budget_", StringComparison.Ordinal))
        {
            if (line.Threshold is { } t) parts.Add($"{t.ToString("0.##", Invariant)} % of the budget crossed");
            if (line.Value is not null && line.Reference is not null) parts.Add($"{Money(line.Value)} against {Money(line.Reference)}");
        }
        else if (line.Value is not null && line.Reference is not null) parts.Add($"{Money(line.Value)} against {Money(line.Reference)} expected");
        if (line.Score is { } score) parts.Add($"score {score.ToString("0.0", Invariant)}");
        if (line.Episode.Alerts.Count > 1) parts.Add($"{line.Episode.Alerts.Count} alerts");
        return string.Join(" · ", parts);
    }

    /// <summary>The explorer on the episode's scope, a week before its first day to its last.</summary>
    public static string? ExplorerLink(AlertEpisode episode)
    {
        if (episode.To is not { } to) return null;
        var from = (episode.From ?? to).AddDays(-7);
        var link = $"/explore?range=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        if (episode.Tenant is { } tenant) link += $"&tenant={Uri.EscapeDataString(tenant)}";
        if (episode.Feature is { Length: > 0 } feature && feature != "(all)") link += $"&feature={Uri.EscapeDataString(feature)}&by=model";
        else link += "&by=feature";
        return link;
    }
}
