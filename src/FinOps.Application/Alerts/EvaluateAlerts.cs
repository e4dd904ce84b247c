using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Application.Budgets;
using FinOps.Application.Costs;
using FinOps.Application.Notifications;
using FinOps.Domain.Budgets;
using FinOps.Domain.Notifications;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

/// <summary>What one evaluation did: the days it replayed, the alerts it raised, and those that resolved or reopened.</summary>
public sealed record AlertEvaluation(string Period, DateOnly? Through, int Raised, int Resolved, int Reopened, bool BurnRateChecked);

/// <summary>
/// Budget alerts, replayed (SEMANTICS §8): each complete day of the period up to the as-of day in order, as if run at
/// that day's end — a threshold is crossed on the first day whose cost to date reaches it, whenever this runs — and
/// burn rates at one instant on the list cost of logged usage. Each alert's key is unique per (kind, budget, period
/// or day, threshold), so repeated and concurrent evaluations raise nothing new; what no longer holds resolves, and
/// holds again reopens. Everything one run raises is delivered together (one digest per run where asked).
/// </summary>
public sealed class EvaluateAlerts(IFinOpsDbContextFactory contexts, ManageBudgets budgets, GetCostSeries series, RefreshCostSeries refresh, ForecastAlerts forecasts,
    NotificationCentre centre, TimeProvider clock)
{
    public BurnRate BurnRate { get; init; } = BurnRate.Default;

    /// <param name="asOf">The last day replayed: default the period's last day, or yesterday while it runs (today has not ended).</param>
    /// <param name="at">The burn-rate instant (default now); burn rates are checked only when it falls in the period.</param>
    public async Task<AlertEvaluation> HandleAsync(ChargePeriod period, DateOnly? asOf, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var now = clock.GetUtcNow();
        var yesterday = period.Zone.DayOf(now).AddDays(-1);
        var lastDay = period.FirstDay.AddDays(period.DayCount - 1);
        var through = asOf ?? (yesterday < lastDay ? yesterday : lastDay);
        if (through > yesterday) through = yesterday; // only complete days are replayed
        var covering = await budgets.LoadAsync(period, cancellationToken);
        var tenantIds = await TenantIdsAsync(cancellationToken);
        var batch = new AlertBatch();
        var (resolved, reopened) = (0, 0);

        DateOnly? replayed = null;
        if (covering.Count > 0 && through >= period.FirstDay)
        {
            var answer = await series.HandleAsync(period, CostBreakdown.TenantFeature, through, cancellationToken);
            replayed = answer.AsOf;
            foreach (var budget in covering)
            {
                var cumulative = GetBudgetStatus.Cumulative(budget, answer.Days);
                foreach (var crossing in BudgetCrossings.Of(budget, cumulative))
                    await centre.RaiseAsync(ActualAlert(budget, periodText, crossing, answer.Currency, tenantIds), batch, cancellationToken);
                var latest = cumulative.Count == 0 ? 0m : cumulative[^1].CostToDate;
                var holding = budget.Thresholds.Where(t => BudgetCrossings.StillHolds(budget, t, latest)).Select(t => ActualKey(budget, periodText, t)).ToList();
                var all = budget.Thresholds.Select(t => ActualKey(budget, periodText, t)).ToList();
                (var r, var o) = await SettleAsync(all, holding, cancellationToken);
                (resolved, reopened) = (resolved + r, reopened + o);
            }
        }

        // Forecasts, anomalies and token inflation read complete days of history: replayed over the same days.
        if (through >= period.FirstDay)
        {
            var (r, o) = await forecasts.EvaluateAsync(period, through, covering, batch, cancellationToken);
            (resolved, reopened) = (resolved + r, reopened + o);
            replayed ??= through;
        }

        var instant = at ?? now;
        var burnChecked = period.Window.Contains(instant);
        if (burnChecked && covering.Count > 0)
        {
            var spend = new Dictionary<int, IReadOnlyList<RecentSpend>>();
            foreach (var window in BurnRate.Windows) spend[window.Hours] = await RecentSpendAsync(instant, window.Hours, cancellationToken);
            var day = period.Zone.DayOf(instant);
            foreach (var budget in covering)
            {
                decimal Spent(int hours) => spend[hours].Where(s => s.Tenant == budget.Tenant && (budget.Feature is null || s.Feature == budget.Feature)).Sum(s => s.ListCost);
                var breaches = BurnRate.Check(budget.Amount, Spent);
                foreach (var breach in breaches)
                    await centre.RaiseAsync(BurnAlert(budget, periodText, day, breach, instant, tenantIds), batch, cancellationToken);
                var keys = BurnRate.Windows.Select(w => BurnKey(budget, w, day)).ToList();
                var (r, o) = await SettleAsync(keys, breaches.Select(b => BurnKey(budget, b.Window, day)).ToList(), cancellationToken);
                (resolved, reopened) = (resolved + r, reopened + o);
            }
        }
        await centre.DeliverAsync(batch, cancellationToken);
        return new AlertEvaluation(periodText, replayed, batch.Count, resolved, reopened, burnChecked);
    }

    /// <summary>
    /// What the schedule and every ingest run: stale series of any period brought up to date, then this period's
    /// budgets replayed and burn rates checked now, and last period's budgets (late data can still move them).
    /// </summary>
    public async Task<IReadOnlyList<AlertEvaluation>> RecentAsync(CancellationToken cancellationToken)
    {
        var zone = await ZoneAsync(cancellationToken);
        await refresh.StalePeriodsAsync(zone, cancellationToken);
        var current = ChargePeriod.Containing(clock.GetUtcNow(), zone);
        return [await HandleAsync(current.Previous(), null, null, cancellationToken), await HandleAsync(current, null, null, cancellationToken)];
    }

    private async Task<ReportingTimeZone> ZoneAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return ReportingTimeZone.FromId(await db.OrganisationSettings.AsNoTracking().Select(s => s.ReportingTimeZone).SingleAsync(cancellationToken));
    }

    private static string ActualKey(Budget budget, string period, decimal threshold) =>
        $"budget_actual:{budget.Id}:{period}:{threshold.ToString("0.####", CultureInfo.InvariantCulture)}";

    private static string BurnKey(Budget budget, BurnRateWindow window, DateOnly day) => $"burn_rate:{budget.Id}:{window.Name}:{day:yyyy-MM-dd}";

    private static NewAlert ActualAlert(Budget budget, string period, ThresholdCrossing crossing, string currency, IReadOnlyDictionary<string, long> tenantIds)
    {
        var threshold = crossing.Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        var amount = budget.Amount.ToString("N2", CultureInfo.InvariantCulture);
        var cost = crossing.CostToDate.ToString("N2", CultureInfo.InvariantCulture);
        return new NewAlert(ActualKey(budget, period, crossing.Threshold), "budget_actual",
            $"{budget.Scope} reached {threshold} % of its {period} budget",
            $"{budget.Scope}: cost to date {cost} {currency} on {crossing.CrossedOn:yyyy-MM-dd} of a {amount} {currency} budget ({threshold} % threshold)",
            $"/budgets?period={period}",
            new { budget_id = budget.Id, tenant = budget.Tenant, feature = budget.Feature, period, threshold = crossing.Threshold, crossed_on = crossing.CrossedOn,
                cost_to_date = crossing.CostToDate, amount = budget.Amount, currency })
        {
            CrossedOn = crossing.CrossedOn, TenantId = tenantIds.GetValueOrDefault(budget.Tenant), Tenant = budget.Tenant, Feature = budget.Feature, Period = period,
            Threshold = crossing.Threshold, Value = crossing.CostToDate, Reference = budget.Amount,
        };
    }

    private static NewAlert BurnAlert(Budget budget, string period, DateOnly day, BurnRateBreach breach, DateTimeOffset at, IReadOnlyDictionary<string, long> tenantIds)
    {
        var spent = breach.Spent.ToString("N2", CultureInfo.InvariantCulture);
        var percent = breach.Window.PercentOfBudget.ToString("0.##", CultureInfo.InvariantCulture);
        return new NewAlert(BurnKey(budget, breach.Window, day), "burn_rate",
            $"{budget.Scope} is burning its {period} budget fast",
            $"{budget.Scope}: {spent} at list price in the {breach.Window.Hours} h before {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC, ≥ {percent} % of its budget",
            $"/budgets?period={period}",
            new { budget_id = budget.Id, tenant = budget.Tenant, feature = budget.Feature, period, window_hours = breach.Window.Hours, spent = breach.Spent,
                limit = breach.Limit, amount = budget.Amount, at })
        {
            CrossedOn = day, TenantId = tenantIds.GetValueOrDefault(budget.Tenant), Tenant = budget.Tenant, Feature = budget.Feature, Period = period,
            Threshold = breach.Window.PercentOfBudget, Value = breach.Spent, Reference = budget.Amount,
        };
    }

    private Task<(int Resolved, int Reopened)> SettleAsync(IReadOnlyList<string> keys, IReadOnlyList<string> holding, CancellationToken cancellationToken) =>
        AlertSettlement.SettleAsync(contexts, clock, keys, holding, cancellationToken);

    private sealed record RecentSpend(string Tenant, string Feature, decimal ListCost);

    /// <summary>The list cost of logged usage in the <paramref name="hours"/> before the instant, per tenant × feature (raw requests: minutes count).</summary>
    private async Task<IReadOnlyList<RecentSpend>> RecentSpendAsync(DateTimeOffset at, int hours, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var from = at.AddHours(-hours);
        var rows = await db.TokenUsage.AsNoTracking().Where(u => u.OccurredAt >= from && u.OccurredAt < at)
            .GroupBy(u => new { u.TenantId, u.FeatureId, u.ModelId, u.ModelAliasId, Batch = u.ServiceTier == "batch" })
            .Select(g => new { g.Key.TenantId, g.Key.FeatureId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Batch, First = g.Min(u => u.OccurredAt),
                Uncached = g.Sum(u => u.InputTokens - u.CachedInputTokens), Cached = g.Sum(u => u.CachedInputTokens), Output = g.Sum(u => u.OutputTokens) })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var cards = await db.PriceCards.AsNoTracking().Where(c => c.Currency == currency).ToListAsync(cancellationToken);
        var prices = PriceBook.Of(cards);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Slug.Value);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Id, f => f.Slug.Value);
        return rows.Select(r => new RecentSpend(tenants.GetValueOrDefault(r.TenantId, "?"), features.GetValueOrDefault(r.FeatureId, "?"),
                prices.InForce(new PricedName(r.ModelId, r.ModelAliasId), r.First)?.ListCost(r.Uncached, r.Cached, r.Output, r.Batch) ?? 0m))
            .ToList();
    }

    private async Task<IReadOnlyDictionary<string, long>> TenantIdsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
    }
}
