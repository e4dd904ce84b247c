using Bunit;
using FinOps.Web.Features.Alerts;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Alerts;

/// <summary>The alerts inbox over a generated October: one line per episode, acknowledged with a note for the whole episode.</summary>
public sealed class AlertsPageTests : DemoMonthPageContext
{
    [Fact]
    public async Task Alerts_fold_into_episodes_and_acknowledging_one_acknowledges_each_of_its_alerts_with_the_note()
    {
        var alerts = await Database.ScalarAsync<long>("select count(*) from alerts where period = '2026-10'");
        Assert.True(alerts > 0, "the generated month raises alerts");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alerts?period=2026-10");

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=alert-episode]")), TimeSpan.FromMinutes(1));
        var episodes = page.FindAll("[data-testid=alert-episode]");
        Assert.True(episodes.Count < alerts, $"{episodes.Count} episodes for {alerts} alerts");
        Assert.All(page.FindAll("[data-testid=alert-status]"), s => Assert.Contains(s.TextContent.Trim(), new[] { "Open", "Acknowledged", "Resolved" }));

        var first = page.FindAll("[data-testid=alert-episode]").First(e => e.QuerySelector("[data-testid=alert-ack]") is not null);
        var title = first.QuerySelector("b")!.TextContent;
        // Find and act in one dispatch: the page re-renders as the note binds, and a stale button has no handler.
        IEnumerable<AngleSharp.Dom.IElement> Episode() => page.FindAll("[data-testid=alert-episode]").Where(e => e.QuerySelector("b")!.TextContent == title);
        await page.InvokeAsync(() => Episode().First().QuerySelector("input[data-testid=alert-note], [data-testid=alert-note] input")!.Input("vendor credit requested"));
        await page.InvokeAsync(() => Episode().First().QuerySelector("[data-testid=alert-ack]")!.Click());

        page.WaitForAssertion(() => Assert.Contains("Acknowledged by", page.FindAll("[data-testid=alert-episode]").First(e => e.QuerySelector("b")!.TextContent == title).TextContent),
            TimeSpan.FromMinutes(1));
        var acknowledged = await Database.ScalarAsync<long>("select count(*) from alerts where acknowledgement_note = 'vendor credit requested'");
        Assert.True(acknowledged >= 1);
        Assert.Equal(acknowledged, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'alert.acknowledged'"));
    }

    [Fact]
    public async Task The_bell_shows_the_same_episodes_as_the_inbox()
    {
        await Services.GetRequiredService<FinOps.Application.Alerts.EvaluateAlerts>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Of(2026, 10), null, null, CancellationToken.None);
        var (_, lines) = await Services.GetRequiredService<FinOps.Application.Alerts.GetAlertInbox>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Of(2026, 10), CancellationToken.None);
        var bell = await Services.GetRequiredService<FinOps.Application.Notifications.INotificationInbox>().ListAsync("finance", 10_000, CancellationToken.None);

        var episodes = lines.Where(l => l.Episode.Kind is "cost_anomaly" or "token_inflation").Select(l => l.Ids.Order().ToList()).ToList();
        Assert.NotEmpty(episodes);
        var rows = bell.Select(g => g.Ids.Order().ToList()).ToList();
        Assert.All(episodes, e => Assert.Contains(rows, r => r.SequenceEqual(e)));
    }
}
