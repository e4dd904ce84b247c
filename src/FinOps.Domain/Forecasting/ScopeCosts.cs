using FinOps.Domain.Periods;

namespace FinOps.Domain.Forecasting;

/// <summary>One day of a scope (a tenant, or a tenant × feature): its daily cost, the variable part of it (all but infra pools), and its charge from each infra pool.</summary>
public sealed record ScopeDay(DateOnly Day, decimal Cost, decimal Variable, IReadOnlyDictionary<string, decimal> PoolCharges);

/// <summary>
/// What forecasting reads of one scope, over as many periods as history and backtests need: its days (missing days cost
/// nothing), each infra pool's daily cost (every line of the pool, whoever it charged) and each pool's cost for whole
/// periods, and the scope's first day of usage (history never starts before it).
/// </summary>
public sealed record ScopeCosts(
    IReadOnlyDictionary<DateOnly, ScopeDay> Days,
    IReadOnlyDictionary<(string Pool, DateOnly Day), decimal> PoolDaily,
    IReadOnlyDictionary<(string Pool, string Period), decimal> PoolPeriodCost,
    DateOnly? FirstUsage)
{
    public ScopeDay DayOf(DateOnly day) => Days.GetValueOrDefault(day) ?? new ScopeDay(day, 0m, 0m, new Dictionary<string, decimal>());

    /// <summary>The scope's period total: the sum of its daily costs (SEMANTICS §8: the chart always agrees with the statement).</summary>
    public decimal PeriodTotal(ChargePeriod period) => DaysOf(period, period.DayCount).Sum(d => DayOf(d).Cost);

    public static IEnumerable<DateOnly> DaysOf(ChargePeriod period, int through)
    {
        for (var i = 0; i < through; i++) yield return period.FirstDay.AddDays(i);
    }
}
