using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Application.Budgets;
using FinOps.Application.Costs;
using FinOps.Application.Forecasting;
using FinOps.Domain.Allocation;
using FinOps.Domain.Notifications;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Dashboards;

/// <summary>
/// What finance and team leads land on: month to date (billed and estimated apart), the forecast and its band against
/// the budgets, last month, spend per day by provider, the top tenants, features and models with their change, open
/// alerts, and what blocks closing the previous period. Read from the stored daily costs through the caller's scope,
/// so a team lead's numbers are their tenants' only — never raw requests.
/// </summary>
public sealed class GetSpendOverview(IFinOpsReadDbContextFactory contexts, RefreshCostSeries refresh, CostSeriesCache series, GetForecasts forecasts, GetBudgetStatus budgets,
    TimeProvider clock)
{
    public const int Top = 8;
    public const string SelfHosted = "self-hosted pools";

    private sealed record Cell(DateOnly Day, string Tenant, string Feature, string Provider, string Model, string Pool, decimal Cost, decimal Estimated);

    public async Task<SpendOverview> HandleAsync(ChargePeriod? asked, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId(settings.ReportingTimeZone);
        var today = zone.DayOf(clock.GetUtcNow());
        var current = ChargePeriod.Containing(clock.GetUtcNow(), zone);
        var period = asked ?? current;
        var asOf = period == current ? today : period.FirstDay.AddDays(period.DayCount - 1);
        if (period.FirstDay > today) asOf = period.FirstDay;
        var previous = period.Previous();
        await refresh.HandleAsync(previous, cancellationToken);
        await refresh.HandleAsync(period, cancellationToken);

        var unrestricted = db.Scope.IsUnrestricted;
        var tenantNames = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug, t.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Slug.Value, t => (t.Id, t.DisplayName), StringComparer.Ordinal);
        var visible = tenantNames.Keys.ToList();
        var featureNames = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Slug.Value, f => (f.Id, f.DisplayName), StringComparer.Ordinal);
        string TenantName(string slug) => tenantNames.TryGetValue(slug, out var t) ? t.DisplayName : slug;
        string FeatureName(string slug) => featureNames.TryGetValue(slug, out var f) ? f.DisplayName : slug;

        // Points, not sums per line: everything below adds them up, so two points of one line count as their sum.
        var stored = await series.PointsAsync(db, [period.ToString(), previous.ToString()], cancellationToken);
        List<Cell> CellsOf(ChargePeriod p, DateOnly through) => stored[p.ToString()].Where(d => d.Day <= through && (unrestricted || tenantNames.ContainsKey(d.Tenant)))
            .Select(d => new Cell(d.Day, d.Tenant, d.Feature, d.Provider, d.Model, d.Pool, d.Cost, d.Estimated)).ToList();
        var cells = CellsOf(period, asOf);
        var sameDayLastMonth = previous.FirstDay.AddDays(Math.Min(asOf.Day, previous.DayCount) - 1);
        var before = CellsOf(previous, previous.FirstDay.AddDays(previous.DayCount - 1));
        var beforeSameDays = before.Where(c => c.Day <= sameDayLastMonth).ToList();

        // Idle and unallocated buckets are costs of the organisation, not of a tenant: counted in totals, never ranked.
        static bool Bucket(string tenant) => tenant is Allocator.IdleTenant or Allocator.Unallocated;
        var monthToDate = cells.Sum(c => c.Cost);

        var tenantForecasts = await forecasts.HandleAsync(period, asOf == today ? today : asOf, CostBreakdown.Tenant, cancellationToken);
        var shown = tenantForecasts.Scopes.Select(s => s.Shown).Where(f => f is not null).ToList();
        // Every scope with history forecast, summed; bands add as if fully correlated (the honest, wider band).
        var complete = tenantForecasts.Scopes.Count > 0 && shown.Count == tenantForecasts.Scopes.Count;
        // Idle and unallocated are nobody's to forecast: they count as they stand, so a finished month's forecast is its total.
        var buckets = cells.Where(c => Bucket(c.Tenant)).Sum(c => c.Cost);
        decimal? forecast = complete ? shown.Sum(f => f!.Total) + buckets : null;
        decimal? p10 = complete ? shown.Sum(f => f!.P10) + buckets : null;
        decimal? p90 = complete ? shown.Sum(f => f!.P90) + buckets : null;

        var statuses = await budgets.HandleAsync(period, asOf, cancellationToken);
        var tenantBudgets = statuses.Where(s => s.Budget.Feature is null).ToList();
        var budgeted = tenantBudgets.Select(s => s.Budget.Tenant).ToHashSet();
        decimal? budgetSum = statuses.Count == 0 ? null
            : tenantBudgets.Sum(s => s.Budget.Amount) + statuses.Where(s => s.Budget.Feature is not null && !budgeted.Contains(s.Budget.Tenant)).Sum(s => s.Budget.Amount);

        var run = await db.ReconciliationRuns.AsNoTracking().Where(r => r.Period == period.ToString() && r.WindowKind == Domain.Reconciliation.WindowKind.Day)
            .Select(r => new { r.BilledCost, r.CoveredCost }).SingleOrDefaultAsync(cancellationToken);

        // Spend per day by provider (pool lines, which have no provider, together as self-hosted pools).
        static string ProviderOf(Cell c) => c.Provider.Length > 0 ? c.Provider : c.Pool.StartsWith("vendor:", StringComparison.Ordinal) ? c.Pool["vendor:".Length..] : SelfHosted;
        var providers = cells.GroupBy(ProviderOf).OrderByDescending(g => g.Sum(c => c.Cost)).Select(g => g.Key).ToList();
        var byDay = cells.GroupBy(c => c.Day).ToDictionary(g => g.Key, g => g.GroupBy(ProviderOf).ToDictionary(p => p.Key, p => p.Sum(c => c.Cost)));
        var days = new List<OverviewDay>();
        var cumulative = 0m;
        var daysLeft = period.FirstDay.AddDays(period.DayCount - 1).DayNumber - asOf.DayNumber;
        for (var day = period.FirstDay; day <= period.FirstDay.AddDays(period.DayCount - 1); day = day.AddDays(1))
        {
            if (day <= asOf)
            {
                var spend = byDay.GetValueOrDefault(day) ?? new Dictionary<string, decimal>();
                cumulative += spend.Values.Sum();
                days.Add(new OverviewDay(day, spend, cumulative, day == asOf && forecast is not null ? cumulative : null, day == asOf && p10 is not null ? cumulative : null,
                    day == asOf && p90 is not null ? cumulative : null));
            }
            else
            {
                // The forecast continues the month as a straight walk from today's cost to date to its total, inside its band.
                var step = (decimal)(day.DayNumber - asOf.DayNumber) / Math.Max(1, daysLeft);
                days.Add(new OverviewDay(day, new Dictionary<string, decimal>(), cumulative, forecast is { } f ? monthToDate + (f - monthToDate) * step : null,
                    p10 is { } low ? monthToDate + (low - monthToDate) * step : null, p90 is { } high ? monthToDate + (high - monthToDate) * step : null));
            }
        }

        List<RankedCost> Rank(Func<Cell, string> key, Func<string, string> label, bool skipBuckets, IEnumerable<string>? alwaysListed = null)
        {
            var spent = cells.Where(c => !skipBuckets || !Bucket(c.Tenant)).GroupBy(key).Where(g => g.Key.Length > 0).ToDictionary(g => g.Key, g => g.Sum(c => c.Cost));
            // Tenants one may see are listed even before they cost anything, so a new team lead finds theirs.
            foreach (var key2 in alwaysListed ?? []) spent.TryAdd(key2, 0m);
            return spent.Select(g => new RankedCost(g.Key, label(g.Key), g.Value, beforeSameDays.Where(c => (!skipBuckets || !Bucket(c.Tenant)) && key(c) == g.Key).Sum(c => c.Cost)))
                .OrderByDescending(r => r.Cost).ThenBy(r => r.Label, StringComparer.CurrentCulture).Take(Top).ToList();
        }

        var periodText = period.ToString();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Period == periodText && a.Status == AlertStatus.Open)
            .GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var previousText = previous.ToString();
        var previousClosed = await db.PeriodCloses.AsNoTracking().AnyAsync(c => c.Period == previousText, cancellationToken);
        var blockers = !unrestricted || previousClosed ? [] : await CloseBlockers.ListAsync(db, previousText, cancellationToken);

        // A lead's features: cost to date and cost per 1M tokens (tokens from the hourly rollup of the period so far).
        var featureSpend = new List<FeatureSpend>();
        if (!unrestricted)
        {
            var (start, end) = (period.Start, zone.StartOfDay(asOf.AddDays(1)));
            var (pStart, pEnd) = (previous.Start, zone.StartOfDay(sameDayLastMonth.AddDays(1)));
            var tokens = await TokensAsync(db, start, end, cancellationToken);
            var tokensBefore = await TokensAsync(db, pStart, pEnd, cancellationToken);
            featureSpend = cells.Where(c => !Bucket(c.Tenant)).GroupBy(c => (c.Tenant, c.Feature))
                .Select(g =>
                {
                    var ids = (tenantNames.GetValueOrDefault(g.Key.Tenant).Id, featureNames.GetValueOrDefault(g.Key.Feature).Id);
                    var used = tokens.GetValueOrDefault(ids);
                    var usedBefore = tokensBefore.GetValueOrDefault(ids);
                    var costBefore = beforeSameDays.Where(c => c.Tenant == g.Key.Tenant && c.Feature == g.Key.Feature).Sum(c => c.Cost);
                    var cost = g.Sum(c => c.Cost);
                    return new FeatureSpend(g.Key.Tenant, TenantName(g.Key.Tenant), g.Key.Feature, FeatureName(g.Key.Feature), cost, used,
                        EffectiveCost.PerMillionTokens(cost, used), EffectiveCost.PerMillionTokens(costBefore, usedBefore));
                })
                .OrderByDescending(f => f.Cost).ToList();
        }

        // Each budget's status carries its scope's forecast already: the gauges read it rather than forecasting again.
        var gauges = statuses.Select(s => new BudgetGauge(s.Budget.Tenant, TenantName(s.Budget.Tenant), s.Budget.Feature, s.Budget.Feature is { } feature ? FeatureName(feature) : null, s.Budget.Amount,
                s.CostToDate, s.Forecast, s.P10, s.P90, Crossing(s.Budget.Amount, s.CostToDate, s.Forecast, asOf, period)))
            .OrderByDescending(g => g.Amount == 0 ? 0 : (g.Forecast ?? g.CostToDate) / g.Amount).ToList();

        return new SpendOverview(period, asOf, settings.Currency, monthToDate, cells.Sum(c => c.Estimated), forecast, p10, p90, budgetSum,
            before.Sum(c => c.Cost), beforeSameDays.Sum(c => c.Cost), run is null || run.BilledCost == 0 ? null : run.CoveredCost / run.BilledCost,
            cells.Where(c => c.Tenant == Allocator.IdleTenant || (c.Feature == "(idle)")).Sum(c => c.Cost), cells.Where(c => c.Tenant == Allocator.Unallocated).Sum(c => c.Cost),
            providers, days,
            Rank(c => c.Tenant, TenantName, true, visible), Rank(c => c.Feature, FeatureName, true), Rank(c => c.Model, m => m, false),
            alerts.OrderByDescending(a => a.Count).Select(a => (a.Key, a.Count)).ToList(),
            previous, previousClosed, blockers, featureSpend, gauges, unrestricted);
    }

    /// <summary>
    /// The day cost to date is expected to reach the budget: already crossed (null, the budget alert says when), or
    /// walking from today's cost to the forecast total at an even pace; null when the forecast stays under it.
    /// </summary>
    public static DateOnly? Crossing(decimal amount, decimal costToDate, decimal? forecast, DateOnly asOf, ChargePeriod period)
    {
        if (forecast is not { } total || total < amount || costToDate >= amount) return null;
        var last = period.FirstDay.AddDays(period.DayCount - 1);
        var daysLeft = last.DayNumber - asOf.DayNumber;
        if (daysLeft <= 0) return null;
        var perDay = (total - costToDate) / daysLeft;
        return perDay <= 0 ? null : asOf.AddDays((int)Math.Ceiling((amount - costToDate) / perDay));
    }

    private static async Task<Dictionary<(long, long), long>> TokensAsync(IFinOpsDbContext db, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await db.UsageHourly.AsNoTracking().Where(h => h.Hour >= from && h.Hour < to)
            .GroupBy(h => new { h.TenantId, h.FeatureId }).Select(g => new { g.Key.TenantId, g.Key.FeatureId, Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
            .ToListAsync(cancellationToken))
        .ToDictionary(x => (x.TenantId, x.FeatureId), x => x.Tokens);
}
