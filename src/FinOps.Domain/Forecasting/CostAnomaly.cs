namespace FinOps.Domain.Forecasting;

/// <summary>The thresholds of the anomaly rule (SEMANTICS §8 defaults: 3 robust deviations, 20 % and 1.00 above the expected cost).</summary>
public sealed record AnomalyRule(decimal Deviations = 3m, decimal MinimumRelative = 0.20m, decimal MinimumAbsolute = 1.00m)
{
    public static AnomalyRule Default { get; } = new();
}

/// <summary>A day that cost far more than its weekday usually does: its cost, the expected cost, the robust deviation and the score.</summary>
public sealed record AnomalyFinding(DateOnly Day, decimal Cost, decimal Expected, decimal Deviation, decimal Score)
{
    public decimal Excess => Cost - Expected;
}

/// <summary>
/// Cost anomalies of a tenant × feature (SEMANTICS §8): over the 28 days before D (at least 14 of them on or after the
/// scope's first usage), the mean cost of each weekday is what D is expected to cost; the spread is the median absolute
/// deviation of the weekday residuals (×1.4826, floored at 1 % of the window's mean and one minor unit). D is anomalous
/// when it exceeds the expectation by more than 3 spreads, by 20 % and by 1.00.
/// </summary>
public static class CostAnomaly
{
    public const int Window = 28;
    public const int MinimumDays = 14;

    public static AnomalyFinding? Check(IReadOnlyDictionary<DateOnly, decimal> daily, DateOnly? firstUsage, DateOnly day, decimal minorUnit, AnomalyRule rule)
    {
        if (firstUsage is not { } first) return null;
        var window = Enumerable.Range(1, Window).Select(i => day.AddDays(-i)).Where(d => d >= first).Select(d => (Day: d, Cost: daily.GetValueOrDefault(d))).ToList();
        if (window.Count < MinimumDays) return null;
        var weekdayMeans = window.GroupBy(w => w.Day.DayOfWeek).ToDictionary(g => g.Key, g => g.Average(w => w.Cost));
        var mean = window.Average(w => w.Cost);
        var expected = weekdayMeans.TryGetValue(day.DayOfWeek, out var m) ? m : mean;
        var residuals = window.Select(w => w.Cost - weekdayMeans[w.Day.DayOfWeek]).ToList();
        var center = Median(residuals);
        var spread = Math.Max(1.4826m * Median(residuals.Select(r => Math.Abs(r - center)).ToList()), Math.Max(0.01m * mean, minorUnit));
        var cost = daily.GetValueOrDefault(day);
        var excess = cost - expected;
        var anomalous = excess > rule.Deviations * spread && excess >= rule.MinimumRelative * expected && excess >= rule.MinimumAbsolute;
        return anomalous ? new AnomalyFinding(day, cost, expected, spread, excess / spread) : null;
    }

    /// <summary>The middle value; of an even count, the mean of the two middle values.</summary>
    public static decimal Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0) return 0m;
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
