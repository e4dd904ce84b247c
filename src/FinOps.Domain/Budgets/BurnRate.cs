namespace FinOps.Domain.Budgets;

/// <summary>One burn-rate window: the list cost of logged usage in the <see cref="Hours"/> before the evaluation instant, against a share of the budget.</summary>
public sealed record BurnRateWindow(int Hours, decimal PercentOfBudget)
{
    public string Name => $"{Hours}h";
}

/// <summary>A burn-rate window that fired: how much was spent in it and what it was held against.</summary>
public sealed record BurnRateBreach(BurnRateWindow Window, decimal Spent, decimal Limit);

/// <summary>
/// Near-real-time budget alerts (SEMANTICS §8): the list cost of usage in the hour before the instant ≥ 2 % of the
/// budget, or in the six hours before it ≥ 5 % (14.4× and 6× the even rate of a 30-day month). Usage is priced on
/// arrival, before any bill, so a runaway feature shows in minutes instead of when the bill lands a day later.
/// </summary>
public sealed record BurnRate(IReadOnlyList<BurnRateWindow> Windows)
{
    public static BurnRate Default { get; } = new([new BurnRateWindow(1, 2m), new BurnRateWindow(6, 5m)]);

    public int LongestHours => Windows.Max(w => w.Hours);

    /// <param name="spentInLast">The list cost of the scope's usage in the given number of hours before the instant.</param>
    public IReadOnlyList<BurnRateBreach> Check(decimal budgetAmount, Func<int, decimal> spentInLast) =>
        Windows.Select(w => new BurnRateBreach(w, spentInLast(w.Hours), budgetAmount * w.PercentOfBudget / 100m))
            .Where(b => budgetAmount > 0m && b.Spent >= b.Limit).ToList();
}
