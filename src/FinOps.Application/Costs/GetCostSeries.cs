using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Costs;

/// <summary>A period's series as asked: the days up to the as-of day (every day, zero where a scope did not move), the currency, and what the refresh warned about.</summary>
public sealed record CostSeriesAnswer(ChargePeriod Period, DateOnly? AsOf, string Currency, IReadOnlyList<ScopeDailyCost> Days, IReadOnlyList<string> Warnings)
{
    /// <summary>Each scope's cost to date as of <see cref="AsOf"/>: the sum of its days (the telescoping identity, exactly).</summary>
    public IReadOnlyList<ScopeCostToDate> ToDate() => AsOf is not { } asOf ? [] :
        Days.GroupBy(d => (d.Tenant, d.Feature)).Select(g => new ScopeCostToDate(g.Key.Tenant, g.Key.Feature, asOf, g.Sum(d => d.Cost), g.Sum(d => d.Estimated)))
            .OrderBy(s => s.Tenant, StringComparer.Ordinal).ThenBy(s => s.Feature, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Daily costs and costs to date per tenant or tenant × feature, read from the stored series after bringing it up to
/// date (no web process or earlier command needed). Through the caller's scope: finance sees every line, idle and
/// unallocated included; a team lead their tenants' lines only.
/// </summary>
public sealed class GetCostSeries(IFinOpsReadDbContextFactory contexts, RefreshCostSeries refresh, CostSeriesCache series, TimeProvider clock)
{
    public async Task<CostSeriesAnswer> HandleAsync(ChargePeriod period, CostBreakdown by, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (asOf is { } asked && (asked < period.FirstDay || asked >= period.FirstDay.AddMonths(1)))
            throw new ArgumentOutOfRangeException(nameof(asOf), asked, $"the as-of day {asked:yyyy-MM-dd} is not in {period}");
        var freshness = await refresh.HandleAsync(period, cancellationToken);
        var lastDay = RefreshCostSeries.LastDayOf(period, period.Zone.DayOf(clock.GetUtcNow()));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var until = asOf is { } a && (lastDay is null || a < lastDay) ? a : lastDay;
        if (until is not { } through) return new CostSeriesAnswer(period, null, currency, [], freshness.Warnings);

        var periodText = period.ToString();
        var unrestricted = db.Scope.IsUnrestricted;
        // The tenants query is filtered by the caller's scope in the context: what comes back is what they may see.
        var visible = unrestricted ? [] : (await db.Tenants.AsNoTracking().Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => s.Value).ToHashSet(StringComparer.Ordinal);
        var byFeature = by == CostBreakdown.TenantFeature;
        var rows = (await series.PointsAsync(db, periodText, cancellationToken))
            .Where(d => d.Day <= through && (unrestricted || visible.Contains(d.Tenant)))
            .GroupBy(d => (d.Day, d.Tenant, Feature: byFeature ? d.Feature : ""))
            .Select(g => new ScopeDailyCost(g.Key.Day, g.Key.Tenant, g.Key.Feature, g.Sum(d => d.Cost), g.Sum(d => d.Estimated)))
            .ToList();

        // Every day for every scope that has cost in the period so far, so a chart or a sum never misses a day.
        var points = rows.ToDictionary(r => (r.Day, r.Tenant, r.Feature));
        var scopes = rows.Select(r => (r.Tenant, r.Feature)).Distinct()
            .OrderBy(s => s.Tenant, StringComparer.Ordinal).ThenBy(s => s.Feature, StringComparer.Ordinal).ToList();
        var days = new List<ScopeDailyCost>();
        for (var day = period.FirstDay; day <= through; day = day.AddDays(1))
            foreach (var (tenant, feature) in scopes)
                days.Add(points.GetValueOrDefault((day, tenant, feature)) ?? new ScopeDailyCost(day, tenant, feature, 0m, 0m));
        return new CostSeriesAnswer(period, through, currency, days, freshness.Warnings);
    }
}
