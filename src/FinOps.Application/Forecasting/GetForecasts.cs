using FinOps.Application.Costs;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Periods;

namespace FinOps.Application.Forecasting;

/// <summary>One scope's forecast of its period total as of a day, with every method's evidence.</summary>
public sealed record ScopeForecast(ScopeKey Scope, DateOnly AsOf, decimal CostToDate, ForecastAnswer Answer)
{
    public Forecast? Shown => Answer.Shown;
    public Forecast? RunRate => Answer.ByMethod.GetValueOrDefault(ForecastMethod.RunRate);
    public Backtest BacktestOf(ForecastMethod method) => Answer.Backtests.Single(b => b.Method == method);
}

/// <summary>What a forecast request gets: the period, the day (complete days only) and each scope's forecast.</summary>
public sealed record ForecastsAnswer(ChargePeriod Period, DateOnly AsOf, string Currency, IReadOnlyList<ScopeForecast> Scopes);

/// <summary>
/// Forecasts of every scope the caller may see, as of a complete day of the period: a day not yet ended (today or
/// later) is brought back to yesterday, since histories use complete days only.
/// </summary>
public sealed class GetForecasts(ScopeHistories histories, TimeProvider clock)
{
    public async Task<ForecastsAnswer> HandleAsync(ChargePeriod period, DateOnly? asOf, CostBreakdown by, CancellationToken cancellationToken)
    {
        var day = CompleteDay(period, asOf, clock);
        var set = await histories.LoadAsync(period, day, by, cancellationToken);
        var forecasts = set.Scopes
            .Select(s => new ScopeForecast(s.Key, day, ScopeCosts.DaysOf(period, day.DayNumber - period.FirstDay.DayNumber + 1).Sum(d => s.Value.DayOf(d).Cost),
                Forecaster.Answer(s.Value, period, day)))
            .OrderBy(f => f.Scope.Tenant, StringComparer.Ordinal).ThenBy(f => f.Scope.Feature, StringComparer.Ordinal).ToList();
        return new ForecastsAnswer(period, day, set.Currency, forecasts);
    }

    /// <summary>The as-of day asked (default the period's last day), but never a day that has not ended, nor one before the period.</summary>
    public static DateOnly CompleteDay(ChargePeriod period, DateOnly? asOf, TimeProvider clock)
    {
        var yesterday = period.Zone.DayOf(clock.GetUtcNow()).AddDays(-1);
        var last = period.FirstDay.AddDays(period.DayCount - 1);
        var day = asOf ?? last;
        if (day > yesterday) day = yesterday;
        return day < period.FirstDay ? period.FirstDay : day;
    }
}
