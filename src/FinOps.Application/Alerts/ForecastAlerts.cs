using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Application.Forecasting;
using FinOps.Application.Notifications;
using FinOps.Domain.Budgets;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Notifications;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

/// <summary>
/// The alerts that read history (SEMANTICS §8), replayed over the complete days of a period like budget crossings:
/// <c>budget_forecast</c> (the first day the shown forecast reached the budget), <c>cost_anomaly</c> (a tenant ×
/// feature's day far above its weekday, with the day's contributors) and <c>token_inflation</c> (one per episode of
/// prompts growing 1.5× week on week; resolved when the ratio falls back).
/// </summary>
public sealed class ForecastAlerts(IFinOpsDbContextFactory contexts, ScopeHistories histories, NotificationCentre centre, TimeProvider clock)
{
    public AnomalyRule Anomalies { get; init; } = AnomalyRule.Default;

    /// <returns>Alerts resolved and reopened.</returns>
    public async Task<(int Resolved, int Reopened)> EvaluateAsync(ChargePeriod period, DateOnly through, IReadOnlyList<Budget> budgets, AlertBatch batch,
        CancellationToken cancellationToken)
    {
        var periodText = period.ToString();
        var byFeature = await histories.LoadAsync(period, through, CostBreakdown.TenantFeature, cancellationToken);
        var byTenant = budgets.Any(b => b.Feature is null) ? await histories.LoadAsync(period, through, CostBreakdown.Tenant, cancellationToken) : null;
        var minorUnit = 1m / FinOps.Domain.Money.Currency.FromCode(byFeature.Currency).MinorUnitsPerMajor;
        var (resolved, reopened) = (0, 0);

        foreach (var budget in budgets)
        {
            var set = budget.Feature is null ? byTenant! : byFeature;
            if (!set.Scopes.TryGetValue(new ScopeKey(budget.Tenant, budget.Feature ?? ""), out var costs)) continue;
            var method = Forecaster.Choose(Forecaster.Methods.Select(m => Forecaster.BacktestOf(costs, period, m)).ToList());
            Forecast? latest = null;
            for (var day = period.FirstDay; day <= through; day = day.AddDays(1))
            {
                latest = Forecaster.At(costs, period, day, method);
                if (latest is null || latest.Total < budget.Amount) continue;
                await centre.RaiseAsync(ForecastAlert(budget, periodText, latest, byFeature.Currency, set.TenantIds), batch, cancellationToken);
                break;
            }
            latest = Forecaster.At(costs, period, through, method);
            var key = ForecastKey(budget, periodText);
            var (r, o) = await SettleAsync([key], latest is { } f && f.Total >= budget.Amount ? [key] : [], cancellationToken);
            (resolved, reopened) = (resolved + r, reopened + o);
        }

        // Per tenant × feature only: "(all)" and "(unassigned)" lines are pool shares, not a feature's own spend.
        foreach (var (scope, costs) in byFeature.Scopes.Where(s => !s.Key.Feature.StartsWith('(')))
        {
            var daily = costs.Days.ToDictionary(d => d.Key, d => d.Value.Cost);
            for (var day = period.FirstDay; day <= through; day = day.AddDays(1))
                if (CostAnomaly.Check(daily, costs.FirstUsage, day, minorUnit, Anomalies) is { } finding)
                    await centre.RaiseAsync(await AnomalyAlertAsync(scope, periodText, finding, byFeature, cancellationToken), batch, cancellationToken);
        }

        var (ri, oi) = await InflationAsync(period, through, byFeature, batch, cancellationToken);
        return (resolved + ri, reopened + oi);
    }

    private static string ForecastKey(Budget budget, string period) => $"budget_forecast:{budget.Id}:{period}";

    private static NewAlert ForecastAlert(Budget budget, string period, Forecast forecast, string currency, IReadOnlyDictionary<string, long> tenantIds)
    {
        var total = forecast.Total.ToString("N2", CultureInfo.InvariantCulture);
        return new NewAlert(ForecastKey(budget, period), "budget_forecast", $"{budget.Scope} is forecast over its {period} budget",
            $"{budget.Scope}: forecast {total} {currency} ({ForecastAnswer.Name(forecast.Method)}, P10–P90 {forecast.P10:N2}–{forecast.P90:N2}) as of {forecast.AsOf:yyyy-MM-dd}, budget {budget.Amount:N2} {currency}",
            $"/budgets?period={period}",
            new { budget_id = budget.Id, tenant = budget.Tenant, feature = budget.Feature, period, as_of = forecast.AsOf, forecast = forecast.Total, p10 = forecast.P10,
                p90 = forecast.P90, method = ForecastAnswer.Name(forecast.Method), amount = budget.Amount })
        {
            CrossedOn = forecast.AsOf, TenantId = tenantIds.GetValueOrDefault(budget.Tenant), Tenant = budget.Tenant, Feature = budget.Feature, Period = period,
            Threshold = 100m, Value = forecast.Total, Reference = budget.Amount,
        };
    }

    /// <summary>A contributor to a day's excess: a provider × model, its cost that day against its usual, and its share of the excess.</summary>
    public sealed record Contributor(string Provider, string Model, decimal Cost, decimal Usual, decimal Share);

    private async Task<NewAlert> AnomalyAlertAsync(ScopeKey scope, string period, AnomalyFinding finding, ScopeHistorySet set, CancellationToken cancellationToken)
    {
        var (contributors, requests) = await ContributorsAsync(scope, finding.Day, set.Period.Zone, cancellationToken);
        var top = string.Join("; ", contributors.Take(3).Select(c => $"{c.Provider}/{c.Model} {c.Cost:N2} vs {c.Usual:N2} usual ({c.Share:P0} of the excess)"));
        var traffic = requests is { } t
            ? $"; requests {t.Requests:N0} vs {t.UsualRequests:N0} a day, {t.TokensPerRequest:N0} tokens per request vs {t.UsualTokensPerRequest:N0}" : "";
        return new NewAlert($"cost_anomaly:{scope.Tenant}:{scope.Feature}:{finding.Day:yyyy-MM-dd}", "cost_anomaly",
            $"{scope.Tenant}/{scope.Feature} cost {finding.Cost:N2} on {finding.Day:yyyy-MM-dd}, expected {finding.Expected:N2}",
            $"{scope.Tenant}/{scope.Feature}: {finding.Cost:N2} {set.Currency} on {finding.Day:yyyy-MM-dd} against {finding.Expected:N2} usual for that weekday (score {finding.Score:N1}). {top}{traffic}",
            $"/explore?range=custom&from={finding.Day.AddDays(-7):yyyy-MM-dd}&to={finding.Day:yyyy-MM-dd}&by=model&tenant={Uri.EscapeDataString(scope.Tenant)}&feature={Uri.EscapeDataString(scope.Feature)}",
            new { tenant = scope.Tenant, feature = scope.Feature, day = finding.Day, cost = finding.Cost, expected = finding.Expected, deviation = finding.Deviation,
                score = finding.Score, contributors, requests })
        {
            CrossedOn = finding.Day, TenantId = set.TenantIds.GetValueOrDefault(scope.Tenant), Tenant = scope.Tenant, Feature = scope.Feature, Period = period,
            Value = finding.Cost, Reference = finding.Expected, Score = decimal.Round(finding.Score, 4),
        };
    }

    /// <summary>The feature's requests that day and tokens per request, against the 28 days before.</summary>
    public sealed record Traffic(long Requests, decimal UsualRequests, decimal TokensPerRequest, decimal UsualTokensPerRequest);

    /// <summary>The day's provider × model costs against their mean over the 28 days before, ranked by their share of the excess; and the traffic behind them.</summary>
    private async Task<(IReadOnlyList<Contributor>, Traffic?)> ContributorsAsync(ScopeKey scope, DateOnly day, ReportingTimeZone zone, CancellationToken cancellationToken)
    {
        var from = day.AddDays(-CostAnomaly.Window);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = await db.CostSeries.AsNoTracking()
            .Where(d => d.Tenant == scope.Tenant && d.Feature == scope.Feature && d.Day >= from && d.Day <= day && d.Provider != "")
            .GroupBy(d => new { d.Day, d.Provider, d.Model }).Select(g => new { g.Key.Day, g.Key.Provider, g.Key.Model, Cost = g.Sum(d => d.Cost) })
            .ToListAsync(cancellationToken);
        var contributors = rows.GroupBy(r => (r.Provider, r.Model))
            .Select(g => (g.Key, Cost: g.Where(r => r.Day == day).Sum(r => r.Cost), Usual: g.Where(r => r.Day < day).Sum(r => r.Cost) / CostAnomaly.Window))
            .Where(c => c.Cost > c.Usual).ToList();
        var excess = contributors.Sum(c => c.Cost - c.Usual);
        var ranked = contributors.OrderByDescending(c => c.Cost - c.Usual)
            .Select(c => new Contributor(c.Key.Provider, c.Key.Model, c.Cost, decimal.Round(c.Usual, 6), excess == 0m ? 0m : decimal.Round((c.Cost - c.Usual) / excess, 4)))
            .ToList();

        var (start, end) = (zone.StartOfDay(from), zone.StartOfDay(day.AddDays(1)));
        var dayStart = zone.StartOfDay(day);
        if (!Domain.Tenancy.Slug.TryParse(scope.Tenant, out var tenantSlug, out _) || !Domain.Tenancy.Slug.TryParse(scope.Feature, out var featureSlug, out _))
            return (ranked, null); // "(all)": a line of a rule that targets tenants, not a feature with requests of its own
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Slug == tenantSlug).Select(t => (long?)t.Id).SingleOrDefaultAsync(cancellationToken);
        var feature = await db.Features.AsNoTracking().Where(f => f.Slug == featureSlug).Select(f => (long?)f.Id).SingleOrDefaultAsync(cancellationToken);
        if (tenant is null || feature is null) return (ranked, null);
        var usage = await db.UsageHourly.AsNoTracking().Where(h => h.TenantId == tenant && h.FeatureId == feature && h.Hour >= start && h.Hour < end)
            .GroupBy(h => h.Hour >= dayStart)
            .Select(g => new { Today = g.Key, Requests = g.Sum(h => h.Requests), Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
            .ToListAsync(cancellationToken);
        var (today, before) = (usage.FirstOrDefault(u => u.Today), usage.FirstOrDefault(u => !u.Today));
        if (today is null || before is null || today.Requests == 0 || before.Requests == 0) return (ranked, null);
        return (ranked, new Traffic(today.Requests, decimal.Round((decimal)before.Requests / CostAnomaly.Window, 1),
            decimal.Round((decimal)today.Tokens / today.Requests, 1), decimal.Round((decimal)before.Tokens / before.Requests, 1)));
    }

    private async Task<(int Resolved, int Reopened)> InflationAsync(ChargePeriod period, DateOnly through, ScopeHistorySet set, AlertBatch batch,
        CancellationToken cancellationToken)
    {
        var zone = period.Zone;
        var (start, end) = (zone.StartOfDay(period.FirstDay.AddDays(-2 * TokenInflation.Days)), zone.StartOfDay(through.AddDays(1)));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Slug.Value);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Id, f => f.Slug.Value);
        var hours = await db.UsageHourly.AsNoTracking().Where(h => h.Hour >= start && h.Hour < end)
            .GroupBy(h => new { h.TenantId, h.FeatureId, h.Hour })
            .Select(g => new { g.Key.TenantId, g.Key.FeatureId, g.Key.Hour, Requests = g.Sum(h => h.Requests), Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
            .ToListAsync(cancellationToken);
        var (resolved, reopened) = (0, 0);
        var periodText = period.ToString();
        foreach (var scope in hours.GroupBy(h => (Tenant: tenants[h.TenantId], Feature: features[h.FeatureId])))
        {
            var days = scope.GroupBy(h => zone.DayOf(h.Hour))
                .ToDictionary(g => g.Key, g => new RequestDay(g.Key, g.Sum(h => h.Requests), g.Sum(h => h.Tokens)));
            var keys = new List<string>();
            var holding = new List<string>();
            foreach (var episode in TokenInflation.Episodes(days, period.FirstDay, through))
            {
                var key = $"token_inflation:{scope.Key.Tenant}:{scope.Key.Feature}:{episode.CrossedOn:yyyy-MM-dd}";
                keys.Add(key);
                if (episode.EndedOn is null) holding.Add(key);
                await centre.RaiseAsync(new NewAlert(key, "token_inflation",
                    $"{scope.Key.Tenant}/{scope.Key.Feature}: tokens per request up {episode.Ratio:0.00}× week on week",
                    $"{scope.Key.Tenant}/{scope.Key.Feature}: the 7 days to {episode.CrossedOn:yyyy-MM-dd} used {episode.Ratio:0.00}× the tokens per request of the 7 days before — prompts are growing",
                    $"/explore?range=period&period={periodText}&by=model&tenant={Uri.EscapeDataString(scope.Key.Tenant)}&feature={Uri.EscapeDataString(scope.Key.Feature)}",
                    new { tenant = scope.Key.Tenant, feature = scope.Key.Feature, crossed_on = episode.CrossedOn, ratio = episode.Ratio, ended_on = episode.EndedOn })
                {
                    CrossedOn = episode.CrossedOn, TenantId = set.TenantIds.GetValueOrDefault(scope.Key.Tenant), Tenant = scope.Key.Tenant, Feature = scope.Key.Feature,
                    Period = periodText, Value = decimal.Round(episode.Ratio, 6), Reference = TokenInflation.Threshold,
                }, batch, cancellationToken);
            }
            var (r, o) = await SettleAsync(keys, holding, cancellationToken);
            (resolved, reopened) = (resolved + r, reopened + o);
        }
        return (resolved, reopened);
    }

    private Task<(int Resolved, int Reopened)> SettleAsync(IReadOnlyList<string> keys, IReadOnlyList<string> holding, CancellationToken cancellationToken) =>
        AlertSettlement.SettleAsync(contexts, clock, keys, holding, cancellationToken);
}
