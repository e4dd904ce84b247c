using CsCheck;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Periods;

namespace FinOps.Domain.Tests.Forecasting;

/// <summary>Forecasts on hand-computed series: constant, weekly seasonal, linear growth, a fixed monthly pool, short history, a mid-month start.</summary>
public class ForecasterTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly DateOnly Start = new(2026, 6, 1);
    private static readonly Dictionary<string, decimal> NoPools = new();

    private static ScopeCosts Variable(Func<DateOnly, decimal> cost, DateOnly? first = null, DateOnly? until = null)
    {
        var days = new Dictionary<DateOnly, ScopeDay>();
        for (var day = first ?? Start; day <= (until ?? new DateOnly(2026, 10, 31)); day = day.AddDays(1))
            days[day] = new ScopeDay(day, cost(day), cost(day), NoPools);
        return new ScopeCosts(days, new Dictionary<(string, DateOnly), decimal>(), new Dictionary<(string, string), decimal>(), first ?? Start);
    }

    [Fact]
    public void A_constant_series_is_forecast_exactly_by_every_method_with_no_band()
    {
        var answer = Forecaster.Answer(Variable(_ => 10m), October, new DateOnly(2026, 10, 10));
        foreach (var method in Forecaster.Methods)
        {
            var f = answer.ByMethod[method];
            Assert.Equal((100m, 0m, 310m, 310m, 310m, 28), (f.CostToDate, f.ScheduledRemainder, f.Total, f.P10, f.P90, f.HistoryDays));
        }
        Assert.All(answer.Backtests, b => Assert.Equal((9, 0m, 1m), (b.Points, b.Mape!.Value, b.Coverage!.Value)));
        Assert.Equal(ForecastMethod.Weekday, answer.Shown!.Method); // a three-way tie goes to weekday
    }

    [Fact]
    public void Weekends_fool_the_run_rate_not_the_weekday_means()
    {
        static decimal Weekly(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2m : 10m;
        var costs = Variable(Weekly);
        var asOf = new DateOnly(2026, 10, 10);
        var answer = Forecaster.Answer(costs, October, asOf);
        Assert.Equal(costs.PeriodTotal(October), answer.ByMethod[ForecastMethod.Weekday].Total);
        Assert.NotEqual(costs.PeriodTotal(October), answer.ByMethod[ForecastMethod.RunRate].Total);
        Assert.Equal(0m, answer.Backtests.Single(b => b.Method == ForecastMethod.Weekday).Mape);
        Assert.True(answer.Backtests.Single(b => b.Method == ForecastMethod.RunRate).Mape > 0m);
        Assert.Equal(ForecastMethod.Weekday, answer.Shown!.Method);
    }

    [Fact]
    public void Linear_growth_is_won_by_the_trend()
    {
        var costs = Variable(d => 1m + 0.5m * (d.DayNumber - Start.DayNumber));
        var answer = Forecaster.Answer(costs, October, new DateOnly(2026, 10, 14));
        var mape = answer.Backtests.ToDictionary(b => b.Method, b => b.Mape!.Value);
        Assert.True(mape[ForecastMethod.Trend] < mape[ForecastMethod.Weekday], $"trend {mape[ForecastMethod.Trend]} vs weekday {mape[ForecastMethod.Weekday]}");
        Assert.True(mape[ForecastMethod.Trend] < mape[ForecastMethod.RunRate]);
        Assert.Equal(ForecastMethod.Trend, answer.Shown!.Method);
        var actual = costs.PeriodTotal(October);
        Assert.True(Math.Abs(answer.Shown.Total - actual) < Math.Abs(answer.ByMethod[ForecastMethod.RunRate].Total - actual));
    }

    [Fact]
    public void A_fixed_monthly_pool_is_scheduled_exactly()
    {
        // The scope has all of a 3,100-a-month pool (100 a day) and no variable cost: as of the 10th, 2,100 is still to come.
        var pools = new Dictionary<(string, DateOnly), decimal>();
        var days = new Dictionary<DateOnly, ScopeDay>();
        for (var day = new DateOnly(2026, 9, 1); day <= new DateOnly(2026, 10, 10); day = day.AddDays(1))
        {
            pools[("gpu-a", day)] = 100m;
            days[day] = new ScopeDay(day, 100m, 0m, new Dictionary<string, decimal> { ["gpu-a"] = 100m });
        }
        var costs = new ScopeCosts(days, pools, new Dictionary<(string, string), decimal> { [("gpu-a", "2026-10")] = 3100m }, new DateOnly(2026, 9, 1));
        var forecast = Forecaster.At(costs, October, new DateOnly(2026, 10, 10), ForecastMethod.Weekday)!;
        Assert.Equal((1000m, 2100m, 3100m, 3100m, 3100m), (forecast.CostToDate, forecast.ScheduledRemainder, forecast.Total, forecast.P10, forecast.P90));
    }

    [Fact]
    public void Fewer_than_seven_days_of_history_is_no_forecast_and_a_mid_month_start_counts_from_its_first_day()
    {
        var young = Forecaster.Answer(Variable(_ => 5m, first: new DateOnly(2026, 10, 5)), October, new DateOnly(2026, 10, 10));
        Assert.True(young.InsufficientHistory);
        Assert.Empty(young.ByMethod);
        Assert.Equal(6, young.HistoryDays);

        var started = Forecaster.Answer(Variable(_ => 5m, first: new DateOnly(2026, 10, 10)), October, new DateOnly(2026, 10, 20));
        Assert.Equal(11, started.HistoryDays);
        Assert.Equal(55m + 11 * 5m, started.Shown!.Total);
        Assert.All(started.Backtests, b => Assert.Equal(0, b.Points)); // no earlier period: weekday, with no evidence either way
        Assert.Equal(ForecastMethod.Weekday, started.Shown.Method);
    }

    [Fact]
    public void Pool_cost_for_a_period_continues_the_last_covered_day()
    {
        var rows = new[]
        {
            new FinOps.Domain.Allocation.InfraCostLine("gpu-a", FinOps.Domain.Infra.InfraCostCategory.Other,
                new TimeWindow(October.Start, October.Start.AddDays(20)), 2000m, null),
        };
        Assert.Equal(3100m, PoolPeriodCost.Of(rows, October)["gpu-a"]); // 100 a day for 20 days, then 11 more days like the 20th
    }

    [Fact]
    public void As_of_the_last_day_the_forecast_is_the_period_total_and_later_days_never_change_an_earlier_forecast()
    {
        Gen.Select(Gen.Decimal[0m, 500m].Array[153], Gen.Int[6, 30], Gen.Decimal[0m, 900m].Array[31]).Sample((values, asOfIndex, later) =>
        {
            var costs = Variable(d => decimal.Round(values[d.DayNumber - Start.DayNumber], 4));
            var last = Forecaster.Answer(costs, October, new DateOnly(2026, 10, 31));
            Assert.All(last.ByMethod.Values, f => Assert.Equal(costs.PeriodTotal(October), f.Total));

            var asOf = October.FirstDay.AddDays(asOfIndex - 1);
            var changed = Variable(d => d > asOf && d.Month == 10 ? decimal.Round(later[d.Day - 1], 4) : decimal.Round(values[d.DayNumber - Start.DayNumber], 4));
            var before = Forecaster.Answer(costs, October, asOf);
            var after = Forecaster.Answer(changed, October, asOf);
            Assert.Equal(before.ByMethod.Values.Select(f => (f.Total, f.P10, f.P90)), after.ByMethod.Values.Select(f => (f.Total, f.P10, f.P90)));
            Assert.Equal(before.Shown?.Method, after.Shown?.Method);
        }, iter: 200);
    }
}
