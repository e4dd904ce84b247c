using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

public sealed record DailyCost(DateOnly Day, string Source, decimal Cost);

/// <summary>
/// Every cost of a period per day and source (a provider's bills, an infra pool's rows), pro-rated by overlap like
/// allocation does: the stacked daily chart of the allocation overview (organisation-wide: finance only).
/// </summary>
public sealed class GetDailyCosts(IFinOpsReadDbContextFactory contexts)
{
    public async Task<IReadOnlyList<DailyCost>> HandleAsync(ChargePeriod chargePeriod, CancellationToken cancellationToken)
    {
        var periodText = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var period = ChargePeriod.Parse(periodText, zone);
        var bills = await db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ChargePeriodEnd > period.Start && l.ChargePeriodStart < period.End)
            .Join(db.IngestionFiles.Where(f => f.Kind != Domain.Ingestion.IngestionKind.VendorUsage), l => l.FileId, f => f.Id, (l, _) => l)
            .Join(db.Providers, l => l.ProviderId, p => p.Id, (l, p) => new { Source = p.Slug, l.ChargePeriodStart, l.ChargePeriodEnd, l.EffectiveCost })
            .ToListAsync(cancellationToken);
        var infra = await db.InfraCosts.AsNoTracking().Where(c => c.PeriodEnd > period.Start && c.PeriodStart < period.End)
            .Select(c => new { Source = c.Pool, c.PeriodStart, c.PeriodEnd, c.Amount }).ToListAsync(cancellationToken);
        var spans = bills.Select(b => (b.Source, Span: new TimeWindow(b.ChargePeriodStart, b.ChargePeriodEnd), Cost: b.EffectiveCost))
            .Concat(infra.Select(i => (i.Source, Span: new TimeWindow(i.PeriodStart, i.PeriodEnd), Cost: i.Amount)));
        var days = period.Days().ToList();
        return spans.SelectMany(s => days.Select(d => (Day: zone.DayOf(d.Start), s.Source, Cost: ProRating.PortionIn(s.Cost, s.Span, d))))
            .Where(x => x.Cost != 0).GroupBy(x => (x.Day, x.Source)).Select(g => new DailyCost(g.Key.Day, g.Key.Source, g.Sum(x => x.Cost)))
            .OrderBy(d => d.Day).ThenBy(d => d.Source, StringComparer.Ordinal).ToList();
    }
}
