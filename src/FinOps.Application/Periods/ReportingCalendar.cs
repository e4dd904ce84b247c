using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Periods;

/// <summary>A period as it entered (a query string, a form, a flag): parsed, or the reason it could not be.</summary>
public sealed record PeriodInput(ChargePeriod? Period, string? Problem)
{
    public bool IsValid => Period is not null;
}

/// <summary>
/// Where periods enter: text becomes a <see cref="ChargePeriod"/> in the organisation's reporting time zone once,
/// at the edge, and only that is passed inward. A malformed or out-of-range period gets one clear message.
/// </summary>
public sealed class ReportingCalendar(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<ReportingTimeZone> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var id = await db.OrganisationSettings.AsNoTracking().Select(s => s.ReportingTimeZone).SingleAsync(cancellationToken);
        return ReportingTimeZone.FromId(id);
    }

    /// <summary>Parses <paramref name="text"/>; none given means the period before the current one.</summary>
    public async Task<PeriodInput> ParseAsync(string? text, CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) return new PeriodInput(ChargePeriod.Containing(clock.GetUtcNow(), zone).Previous(), null);
        return Parse(text, zone);
    }

    /// <summary>The period holding today in the reporting time zone.</summary>
    public async Task<ChargePeriod> CurrentAsync(CancellationToken cancellationToken) =>
        ChargePeriod.Containing(clock.GetUtcNow(), await ZoneAsync(cancellationToken));

    public static PeriodInput Parse(string text, ReportingTimeZone zone) =>
        ChargePeriod.TryParse(text.Trim(), zone, out var period)
            ? new PeriodInput(period, null)
            : new PeriodInput(null, $"'{Shorten(text)}' is not a period: write a month as YYYY-MM (from 2000-01 to 9998-12), e.g. 2026-10");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
