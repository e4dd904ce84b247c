using FinOps.Domain.Budgets;
using FinOps.Domain.Periods;

namespace FinOps.Domain.Tests.Budgets;

public class BudgetRulesTests
{
    private static readonly ChargePeriod November = ChargePeriod.Of(2026, 11);

    private static Budget Budget(decimal amount, params decimal[] thresholds) =>
        new(1, "acme", null, November, November, amount, "USD", thresholds.Length == 0 ? BudgetThresholds.Default : thresholds);

    [Fact]
    public void A_threshold_is_crossed_on_the_first_day_cost_to_date_reaches_it_exactly()
    {
        var series = new (DateOnly, decimal)[]
        {
            (new DateOnly(2026, 11, 1), 49.99m), (new DateOnly(2026, 11, 2), 50.00m), (new DateOnly(2026, 11, 3), 99.99m), (new DateOnly(2026, 11, 4), 100.00m),
            (new DateOnly(2026, 11, 5), 120m),
        };
        var crossings = BudgetCrossings.Of(Budget(100m, 50m, 100m), series);
        Assert.Equal([(50m, new DateOnly(2026, 11, 2), 50.00m), (100m, new DateOnly(2026, 11, 4), 100.00m)], crossings.Select(c => (c.Threshold, c.CrossedOn, c.CostToDate)));
    }

    [Fact]
    public void One_day_can_cross_several_thresholds_and_the_order_of_the_series_does_not_matter()
    {
        var series = new (DateOnly, decimal)[] { (new DateOnly(2026, 11, 3), 95m), (new DateOnly(2026, 11, 1), 10m) };
        var crossings = BudgetCrossings.Of(Budget(100m), series);
        Assert.Equal([50m, 75m, 90m], crossings.Select(c => c.Threshold));
        Assert.All(crossings, c => Assert.Equal(new DateOnly(2026, 11, 3), c.CrossedOn));
        Assert.False(BudgetCrossings.StillHolds(Budget(100m), 100m, 99.99m));
        Assert.True(BudgetCrossings.StillHolds(Budget(100m), 90m, 90m));
    }

    [Fact]
    public void Burn_rate_fires_at_two_percent_in_an_hour_or_five_in_six_hours_never_below()
    {
        var spent = new Dictionary<int, decimal> { [1] = 20m, [6] = 49.99m };
        var breaches = BurnRate.Default.Check(1000m, h => spent[h]);
        Assert.Equal([(1, 20m, 20m)], breaches.Select(b => (b.Window.Hours, b.Spent, b.Limit)));
        spent = new Dictionary<int, decimal> { [1] = 19.99m, [6] = 50m };
        Assert.Equal([6], BurnRate.Default.Check(1000m, h => spent[h]).Select(b => b.Window.Hours));
        Assert.Empty(BurnRate.Default.Check(0m, _ => 5m)); // a zero budget has no rate to burn
    }

    [Theory]
    [InlineData("", "50;75;90;100", null)]
    [InlineData("75; 50", "50;75", null)]
    [InlineData("12.5;1000", "12.5;1000", null)]
    [InlineData("0", null, "a threshold is 1 to 1000 percent, not 0")]
    [InlineData("1001", null, "a threshold is 1 to 1000 percent, not 1001")]
    [InlineData("50;50", null, "threshold 50 appears twice")]
    [InlineData("half", null, "'half' is not a threshold; write percents separated by ';' like 50;75;90;100")]
    public void Thresholds_are_read_as_written_or_refused_with_the_reason(string text, string? expected, string? problem)
    {
        var (thresholds, why) = BudgetThresholds.Parse(text);
        Assert.Equal(expected, thresholds is null ? null : BudgetThresholds.Format(thresholds));
        Assert.Equal(problem, why);
    }

    [Fact]
    public void An_open_budget_covers_every_period_from_its_first()
    {
        var open = Budget(100m) with { LastPeriod = null };
        Assert.True(open.Covers(ChargePeriod.Of(2030, 1)));
        Assert.False(open.Covers(ChargePeriod.Of(2026, 10)));
        Assert.False(Budget(100m).Covers(ChargePeriod.Of(2026, 12)));
    }
}
