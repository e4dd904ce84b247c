using CsCheck;
using FinOps.Domain.Allocation;
using FinOps.Domain.Costs;
using FinOps.Domain.Periods;
using FinOps.Domain.Tests.Allocation;

namespace FinOps.Domain.Tests.Costs;

/// <summary>Generated months (the allocation's generator): the series telescopes to the statement, and a replay of a day ignores what is dated after it.</summary>
public class CostSeriesPropertyTests
{
    private const int Cases = 150;
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly DateOnly LastDay = new(2026, 10, 31);
    private static readonly HashSet<string> Pools = ["gpu-a", "gpu-b"];

    [Fact]
    public void The_daily_costs_of_a_month_add_up_to_each_statement_line_exactly()
    {
        AllocationPropertyTests.Month.Sample(input =>
        {
            var series = CostSeries.Compute(input, October.FirstDay, LastDay, [], Pools, estimate: true);
            var statement = Allocator.Run(input).Lines.ToDictionary(l => l.Key, l => l.ExactAmount);
            var billed = series.Days.GroupBy(d => d.Line.Key).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost - d.Estimated));
            foreach (var (key, exact) in statement) Assert.Equal(exact, billed.GetValueOrDefault(key));
            Assert.All(billed.Where(b => !statement.ContainsKey(b.Key)), b => Assert.Equal(0m, b.Value));
            // Cost to date on the last day is the sum of the days, line by line (the telescoping identity, estimates included).
            var sums = series.Days.GroupBy(d => d.Line).ToDictionary(g => g.Key, g => (g.Sum(d => d.Cost), g.Sum(d => d.Estimated)));
            foreach (var line in series.CostToDate) Assert.Equal((line.Cost, line.Estimated), sums[line.Line]);
        }, iter: Cases);
    }

    [Fact]
    public void Without_estimates_the_series_is_the_statement_and_a_split_run_equals_one_run()
    {
        Gen.Select(AllocationPropertyTests.Month, Gen.Int[1, 30]).Sample((input, split) =>
        {
            var whole = CostSeries.Compute(input, October.FirstDay, LastDay, [], Pools, estimate: false);
            Assert.Equal(Allocator.Run(input).ExactTotal, whole.Days.Sum(d => d.Cost));
            // Incremental: the days after a stored prefix, computed from its cost to date, are the days of one run.
            var splitDay = October.FirstDay.AddDays(split);
            var head = CostSeries.Compute(input, October.FirstDay, splitDay.AddDays(-1), [], Pools, estimate: false);
            var tail = CostSeries.Compute(input, splitDay, LastDay, DailyCostLine.Accumulate(head.Days), Pools, estimate: false);
            Assert.Equal(whole.Days.Select(d => (d.Day, d.Line.Key, d.Cost)), head.Days.Concat(tail.Days).Select(d => (d.Day, d.Line.Key, d.Cost)));
        }, iter: Cases);
    }

    [Fact]
    public void Replaying_a_day_ignores_usage_and_bills_dated_after_it()
    {
        Gen.Select(AllocationPropertyTests.Month, Gen.Int[0, 29], AllocationPropertyTests.Month).Sample((input, dayIndex, later) =>
        {
            var asOf = October.FirstDay.AddDays(dayIndex);
            var end = October.Zone.StartOfDay(asOf.AddDays(1));
            // Whatever arrives later and is dated after the day: usage after its end, bills charged after it.
            var extra = input with
            {
                Usage = input.Usage.Concat(later.Usage.Where(c => c.Hour >= end)).ToList(),
                Bills = input.Bills.Concat(later.Bills.Where(b => b.Charge.Start >= end)).ToList(),
            };
            var before = CostSeries.Compute(input, October.FirstDay, asOf, [], Pools, estimate: true);
            var after = CostSeries.Compute(extra, October.FirstDay, asOf, [], Pools, estimate: true);
            Assert.Equal(before.Days.Select(d => (d.Day, d.Line.Key, d.Cost, d.Estimated)), after.Days.Select(d => (d.Day, d.Line.Key, d.Cost, d.Estimated)));
        }, iter: Cases);
    }

    [Fact]
    public void Estimated_cost_never_changes_a_pool_split_or_a_billed_line()
    {
        AllocationPropertyTests.Month.Sample(input =>
        {
            var with = CostSeries.Compute(input, October.FirstDay, LastDay, [], Pools, estimate: true);
            var without = CostSeries.Compute(input, October.FirstDay, LastDay, [], Pools, estimate: false);
            var billed = without.Days.GroupBy(d => d.Line.Key).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost));
            var estimatedAway = with.Days.GroupBy(d => d.Line.Key).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost - d.Estimated));
            foreach (var (key, cost) in billed) Assert.Equal(cost, estimatedAway.GetValueOrDefault(key));
            Assert.All(with.Days.Where(d => d.Estimated != 0m), d => Assert.Equal(LineType.Direct, d.Line.Type));
        }, iter: Cases);
    }
}
