using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Domain.Allocation;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Forecasting;

/// <summary>A scope forecasts and alerts speak of: a tenant (feature empty) or a tenant × feature.</summary>
public sealed record ScopeKey(string Tenant, string Feature);

/// <summary>Every scope's costs over the periods a forecast of one period reads, through one day of it.</summary>
public sealed record ScopeHistorySet(ChargePeriod Period, DateOnly Through, IReadOnlyDictionary<ScopeKey, ScopeCosts> Scopes, string Currency,
    IReadOnlyDictionary<string, long> TenantIds);

/// <summary>
/// Loads what forecasts, backtests and anomaly checks read, from the stored series (refreshed first): the period and the
/// four before it (28 days of history for the backtests of the three before it), per scope and day the cost, its
/// variable part and its charges from each infra pool; each infra pool's daily cost and whole-period cost. Days after
/// <c>through</c> are never read: a replay of a day ignores what is dated after it. Through the caller's scope.
/// </summary>
public sealed class ScopeHistories(IFinOpsReadDbContextFactory contexts, RefreshCostSeries refresh, CostSeriesCache series)
{
    public const int PeriodsBack = Forecaster.BacktestPeriods + 1;

    public async Task<ScopeHistorySet> LoadAsync(ChargePeriod period, DateOnly through, CostBreakdown by, CancellationToken cancellationToken)
    {
        var periods = new List<ChargePeriod> { period };
        for (var i = 0; i < PeriodsBack; i++) periods.Add(periods[^1].Previous());
        foreach (var p in periods) await refresh.HandleAsync(p, cancellationToken);

        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var tenantRows = await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken);
        var tenantIds = tenantRows.ToDictionary(t => t.Slug.Value, t => t.Id);
        var unrestricted = db.Scope.IsUnrestricted;
        var names = periods.Select(p => p.ToString()).ToList();
        var earliest = periods[^1].Start;
        var infraRows = await db.InfraCosts.AsNoTracking().Where(c => c.PeriodEnd > earliest && c.PeriodStart < period.End).ToListAsync(cancellationToken);
        var infraPools = infraRows.Select(r => r.Pool).ToHashSet(StringComparer.Ordinal);

        // Points, not sums per line: everything below adds them up.
        var rows = (await series.PointsAsync(db, names, cancellationToken)).Values.SelectMany(p => p).Where(d => d.Day <= through).ToList();

        // Each infra pool's daily cost, whoever it charged (idle and unallocated included): the denominator of a scope's share.
        var poolDaily = rows.Where(r => infraPools.Contains(r.Pool)).GroupBy(r => (r.Pool, r.Day)).ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        var poolPeriodCost = new Dictionary<(string, string), decimal>();
        foreach (var p in periods)
            foreach (var (pool, cost) in PoolPeriodCost.Of(infraRows.Where(r => r.PeriodEnd > p.Start && r.PeriodStart < p.End)
                         .Select(r => new InfraCostLine(r.Pool, r.Category, new TimeWindow(r.PeriodStart, r.PeriodEnd), r.Amount, r.Quantity)), p))
                poolPeriodCost[(pool, p.ToString())] = cost;

        var byFeature = by == CostBreakdown.TenantFeature;
        var scopes = new Dictionary<ScopeKey, ScopeCosts>();
        foreach (var scope in rows.Where(r => !r.Tenant.StartsWith('(') && (unrestricted || tenantIds.ContainsKey(r.Tenant)))
                     .GroupBy(r => new ScopeKey(r.Tenant, byFeature ? r.Feature : "")))
        {
            var days = scope.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => new ScopeDay(g.Key, g.Sum(r => r.Cost),
                g.Where(r => !infraPools.Contains(r.Pool)).Sum(r => r.Cost),
                g.Where(r => infraPools.Contains(r.Pool)).GroupBy(r => r.Pool).ToDictionary(p => p.Key, p => p.Sum(r => r.Cost), StringComparer.Ordinal)));
            var first = days.Values.Where(d => d.Cost != 0m).Select(d => (DateOnly?)d.Day).Min();
            scopes[scope.Key] = new ScopeCosts(days, poolDaily, poolPeriodCost, first);
        }
        return new ScopeHistorySet(period, through, scopes, currency, tenantIds);
    }
}
