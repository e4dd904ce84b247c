using FinOps.Domain.Periods;

namespace FinOps.Domain.Forecasting;

/// <summary>
/// Month-end forecasts that publish their own error (SEMANTICS §8): the scheduled part (infra pools) from the pools'
/// known costs, the variable part by three methods over the last 28 days of history, a band from the weekday
/// residuals, and a backtest of each method on the scope's last three complete periods. Fewer than 7 days of
/// history is "insufficient history" — never a made-up number.
/// </summary>
public static class Forecaster
{
    public const int HistoryLength = 28;
    public const int MinimumHistory = 7;
    public const int BacktestPeriods = 3;
    public static readonly IReadOnlyList<int> BacktestDays = [7, 14, 21];
    public static readonly IReadOnlyList<ForecastMethod> Methods = [ForecastMethod.Weekday, ForecastMethod.Trend, ForecastMethod.RunRate];

    /// <summary>The z of the 10th and 90th percentiles of a normal distribution.</summary>
    private const decimal Z = 1.2816m;

    /// <summary>Every method's forecast as of <paramref name="asOf"/>, their backtests, and the one shown.</summary>
    public static ForecastAnswer Answer(ScopeCosts costs, ChargePeriod period, DateOnly asOf)
    {
        var byMethod = new Dictionary<ForecastMethod, Forecast>();
        foreach (var method in Methods)
            if (At(costs, period, asOf, method) is { } forecast) byMethod[method] = forecast;
        var backtests = Methods.Select(m => BacktestOf(costs, period, m)).ToList();
        var chosen = Choose(backtests);
        return new ForecastAnswer(byMethod.GetValueOrDefault(chosen), byMethod, backtests, History(costs, asOf).Count);
    }

    /// <summary>The lowest backtest MAPE; ties (and no backtest point at all) go to weekday, then trend, then run_rate.</summary>
    public static ForecastMethod Choose(IReadOnlyList<Backtest> backtests) =>
        backtests.Where(b => b.Mape is not null).OrderBy(b => b.Mape).ThenBy(b => b.Method).Select(b => (ForecastMethod?)b.Method).FirstOrDefault()
        ?? ForecastMethod.Weekday;

    /// <summary>One method's forecast of the period total as of a day of it, or null with fewer than 7 days of history.</summary>
    public static Forecast? At(ScopeCosts costs, ChargePeriod period, DateOnly asOf, ForecastMethod method)
    {
        var elapsed = asOf.DayNumber - period.FirstDay.DayNumber + 1;
        if (elapsed < 1 || elapsed > period.DayCount) throw new ArgumentOutOfRangeException(nameof(asOf), asOf, $"not a day of {period}");
        var history = History(costs, asOf);
        if (history.Count < MinimumHistory) return null;

        var toDate = ScopeCosts.DaysOf(period, elapsed).Select(costs.DayOf).ToList();
        var costToDate = toDate.Sum(d => d.Cost);
        var scheduled = ScheduledRemainder(costs, period, toDate);
        var weekdayMeans = history.GroupBy(h => h.Day.DayOfWeek).ToDictionary(g => g.Key, g => g.Average(h => h.Variable));
        var mean = history.Average(h => h.Variable);
        decimal Weekday(DateOnly day) => weekdayMeans.TryGetValue(day.DayOfWeek, out var m) ? m : mean;

        Func<DateOnly, decimal> daily = method switch
        {
            ForecastMethod.Weekday => Weekday,
            ForecastMethod.Trend => TrendOf(history, Weekday),
            _ => RunRate(toDate.Sum(d => d.Variable) / elapsed),
        };
        var remaining = ScopeCosts.DaysOf(period, period.DayCount).Skip(elapsed).ToList();
        var total = costToDate + scheduled + remaining.Sum(daily);

        // Band: residuals against the weekday means, their sample deviation, widened with the square root of the days left.
        var residuals = history.Select(h => h.Variable - Weekday(h.Day)).ToList();
        var sigma = SampleDeviation(residuals);
        var half = Z * sigma * (decimal)Math.Sqrt(remaining.Count);
        var p10 = total - half;
        if (history.All(h => h.Variable >= 0m)) p10 = Math.Max(p10, costToDate + scheduled);
        return new Forecast(method, asOf, costToDate, scheduled, total, p10, total + half, history.Count);
    }

    /// <summary>A method on the last three complete periods before this one: forecasts as of days 7, 14 and 21 against each period's total.</summary>
    public static Backtest BacktestOf(ScopeCosts costs, ChargePeriod period, ForecastMethod method)
    {
        var (errors, covered) = (new List<decimal>(), 0);
        var earlier = period;
        for (var i = 0; i < BacktestPeriods; i++)
        {
            earlier = earlier.Previous();
            var actual = costs.PeriodTotal(earlier);
            if (actual == 0m) continue;
            foreach (var day in BacktestDays)
            {
                if (At(costs, earlier, earlier.FirstDay.AddDays(day - 1), method) is not { } forecast) continue;
                errors.Add(Math.Abs(forecast.Total - actual) / Math.Abs(actual));
                if (forecast.P10 <= actual && actual <= forecast.P90) covered++;
            }
        }
        return errors.Count == 0
            ? new Backtest(method, 0, null, null)
            : new Backtest(method, errors.Count, errors.Average(), (decimal)covered / errors.Count);
    }

    /// <summary>Variable daily costs of the 28 days ending <paramref name="asOf"/> that are on or after the scope's first usage.</summary>
    public static IReadOnlyList<ScopeDay> History(ScopeCosts costs, DateOnly asOf)
    {
        if (costs.FirstUsage is not { } first) return [];
        var days = new List<ScopeDay>();
        for (var day = asOf.AddDays(1 - HistoryLength); day <= asOf; day = day.AddDays(1))
            if (day >= first) days.Add(costs.DayOf(day));
        return days;
    }

    /// <summary>
    /// What the scope's infra pools will still charge it this period: per pool, the pool's whole-period cost × the scope's
    /// share of it so far, minus what the pool has charged the scope so far. Exact: a fixed monthly pool is known.
    /// </summary>
    public static decimal ScheduledRemainder(ScopeCosts costs, ChargePeriod period, IReadOnlyList<ScopeDay> toDate)
    {
        var remainder = 0m;
        foreach (var pool in toDate.SelectMany(d => d.PoolCharges.Keys).Distinct(StringComparer.Ordinal))
        {
            var charged = toDate.Sum(d => d.PoolCharges.GetValueOrDefault(pool));
            var poolToDate = toDate.Sum(d => costs.PoolDaily.GetValueOrDefault((pool, d.Day)));
            if (poolToDate == 0m) continue;
            var whole = costs.PoolPeriodCost.TryGetValue((pool, period.ToString()), out var cost) ? cost : poolToDate;
            remainder += whole * charged / poolToDate - charged;
        }
        return remainder;
    }

    private static Func<DateOnly, decimal> RunRate(decimal perDay) => _ => perDay;

    /// <summary>Weekday means plus the least-squares slope of the weekday-adjusted history against its days (as consecutive integers).</summary>
    private static Func<DateOnly, decimal> TrendOf(IReadOnlyList<ScopeDay> history, Func<DateOnly, decimal> weekday)
    {
        var points = history.Select(h => (X: (decimal)h.Day.DayNumber, Y: h.Variable - weekday(h.Day))).ToList();
        var (meanX, meanY) = (points.Average(p => p.X), points.Average(p => p.Y));
        var spread = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        var slope = spread == 0m ? 0m : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / spread;
        return day => weekday(day) + slope * (day.DayNumber - meanX);
    }

    private static decimal SampleDeviation(IReadOnlyList<decimal> values)
    {
        if (values.Count < 2) return 0m;
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (decimal)Math.Sqrt((double)variance);
    }
}
