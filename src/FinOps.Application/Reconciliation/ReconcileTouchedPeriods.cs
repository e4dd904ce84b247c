using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

/// <summary>Which charge periods (in the reporting zone) a span of data touches, and which periods a nightly run covers.</summary>
public sealed class ReconciliationPeriods(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>At most this many periods per file: a file spanning years is reconciled for its latest two years.</summary>
    private const int MaxPeriods = 24;

    public async Task<IReadOnlyList<string>> TouchedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(cancellationToken);
        var periods = new List<string>();
        // The end of a span is exclusive for periods (a charge period ending at 1 Nov 00:00 touches October only).
        var last = ChargePeriod.Containing(to > from ? to.AddTicks(-1) : to, zone);
        for (var p = last; p.End > from && periods.Count < MaxPeriods; p = p.Previous()) periods.Add(p.ToString());
        periods.Reverse();
        return periods;
    }

    /// <summary>The current period and the one before it: late bills keep arriving for last month.</summary>
    public async Task<IReadOnlyList<string>> RecentAsync(CancellationToken cancellationToken)
    {
        var current = ChargePeriod.Containing(clock.GetUtcNow(), await ZoneAsync(cancellationToken));
        return [current.Previous().ToString(), current.ToString()];
    }

    private async Task<ReportingTimeZone> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
    }
}
