using FinOps.Domain.Forecasting;

namespace FinOps.Domain.Tests.Forecasting;

public class AnomalyAndInflationTests
{
    private static readonly DateOnly Day = new(2026, 10, 20);

    private static Dictionary<DateOnly, decimal> Flat(decimal cost, decimal onDay) =>
        Enumerable.Range(1, 28).ToDictionary(i => Day.AddDays(-i), _ => cost).Append(KeyValuePair.Create(Day, onDay)).ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void A_spike_far_above_its_weekday_is_anomalous_with_its_score_and_a_small_excess_is_not()
    {
        // A flat window has no spread: it is floored at 1 % of the mean (0.10), so 100 against 10 scores 900.
        var spike = CostAnomaly.Check(Flat(10m, 100m), Day.AddDays(-60), Day, 0.01m, AnomalyRule.Default)!;
        Assert.Equal((100m, 10m, 0.10m, 900m), (spike.Cost, spike.Expected, spike.Deviation, spike.Score));
        Assert.Null(CostAnomaly.Check(Flat(10m, 10.9m), Day.AddDays(-60), Day, 0.01m, AnomalyRule.Default)); // below 1.00 over
        Assert.Null(CostAnomaly.Check(Flat(100m, 115m), Day.AddDays(-60), Day, 0.01m, AnomalyRule.Default)); // below 20 % over
        Assert.Null(CostAnomaly.Check(Flat(10m, 100m), Day.AddDays(-13), Day, 0.01m, AnomalyRule.Default)); // 13 days of history
    }

    [Fact]
    public void The_spread_is_the_median_absolute_deviation_of_weekday_residuals_and_an_even_count_takes_the_middle_mean()
    {
        Assert.Equal(2.5m, CostAnomaly.Median([4m, 1m, 3m, 2m]));
        Assert.Equal(3m, CostAnomaly.Median([5m, 1m, 3m]));
        // Weekday residuals of ±1 around each weekday's mean: MAD 1, spread 1.4826; 10 + 5 > 3 × 1.4826 is anomalous, 10 + 4 (3 spreads = 4.45) is not.
        var window = Enumerable.Range(1, 28).ToDictionary(i => Day.AddDays(-i), i => i % 14 < 7 ? 11m : 9m);
        window[Day] = 15m;
        var finding = CostAnomaly.Check(window, Day.AddDays(-60), Day, 0.01m, AnomalyRule.Default)!;
        Assert.Equal((10m, 1.4826m), (finding.Expected, finding.Deviation));
        window[Day] = 14m;
        Assert.Null(CostAnomaly.Check(window, Day.AddDays(-60), Day, 0.01m, AnomalyRule.Default));
    }

    [Fact]
    public void A_step_in_tokens_per_request_is_one_episode_from_the_day_the_week_reaches_one_and_a_half_times_the_week_before()
    {
        // 50 requests a day; 100 tokens each until the 14th, 200 from the 15th.
        var first = new DateOnly(2026, 10, 1);
        var days = Enumerable.Range(0, 31).Select(i => first.AddDays(i))
            .ToDictionary(d => d, d => new RequestDay(d, 50, 50L * (d.Day <= 14 ? 100 : 200)));
        Assert.Equal(1m + 3m / 7m, TokenInflation.Ratio(days, new DateOnly(2026, 10, 17)));
        var episode = Assert.Single(TokenInflation.Episodes(days, first, new DateOnly(2026, 10, 31)));
        // The 18th: 4 days at 200 in the week = 1 + 4/7 ≥ 1.5. Over on the 24th, when the week before holds 3 days at 200 too.
        Assert.Equal((new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 24)), (episode.CrossedOn, episode.EndedOn!.Value));
        Assert.Null(TokenInflation.Ratio(days.ToDictionary(p => p.Key, p => p.Value with { Requests = 7 }), new DateOnly(2026, 10, 20))); // < 50 a week
    }
}
