using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Costs;
using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Costs;

/// <summary>Series computed by hand: a pool pro-rated to elapsed days, a tenant starting mid-month, an unbilled day estimated then replaced by its bill.</summary>
public class CostToDateTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly PriceBook Prices = new([(1, new Price(October.Start.AddYears(-1), 2.5m, 1.25m, 10m, "USD", null))]);
    private static readonly HashSet<string> Pools = ["gpu-a"];

    private static UsageCell Gpu(string tenant, int day, decimal seconds) =>
        new(tenant, "chat", "self-hosted", "llama", 3, "gpu-a", false, October.Start.AddDays(day - 1).AddHours(12), 1000, 0, 100, 1, seconds);

    private static UsageCell Vendor(string tenant, int day, long input, long output) =>
        new(tenant, "chat", "openai", "gpt-4o", 1, "", false, October.Start.AddDays(day - 1).AddHours(9), input, 0, output, 1, 0);

    private static AllocationInput Input(IReadOnlyList<UsageCell> usage, IReadOnlyList<CostLine> bills, IReadOnlyList<InfraCostLine> infra) =>
        new(October, Currency.USD, usage, bills, infra, [], Prices, new Dictionary<string, int>());

    private static decimal Daily(CostSeriesRun run, int day, string tenant) =>
        run.Days.Where(d => d.Day == new DateOnly(2026, 10, day) && d.Line.Tenant == tenant).Sum(d => d.Cost);

    [Fact]
    public void A_monthly_pool_counts_elapsed_days_and_a_tenant_starting_mid_month_takes_its_share_from_then()
    {
        // 3,100 for October's 31 days: 100 a day. t1 runs 10 GPU-seconds every day; t2 starts on the 11th.
        var usage = Enumerable.Range(1, 31).Select(d => Gpu("t1", d, 10m)).Concat(Enumerable.Range(11, 21).Select(d => Gpu("t2", d, 10m))).ToList();
        var infra = new[] { new InfraCostLine("gpu-a", InfraCostCategory.Other, October.Window, 3100m, null) };
        var run = CostSeries.Compute(Input(usage, [], infra), October.FirstDay, new DateOnly(2026, 10, 11), [], Pools, estimate: true);

        for (var day = 1; day <= 10; day++) Assert.Equal(100m, Daily(run, day, "t1"));
        Assert.Equal(0m, Daily(run, 10, "t2"));
        // As of the 11th the pool holds 1,100 over 110 + 10 GPU-seconds: t1 1,008.333…, t2 91.666… (on the 10^-12 grid).
        Assert.Equal(8.333333333333m, Daily(run, 11, "t1"));
        Assert.Equal(91.666666666667m, Daily(run, 11, "t2"));
        Assert.Equal(1100m, run.CostToDate.Sum(l => l.Cost));
        Assert.All(run.Days, d => Assert.Equal(0m, d.Estimated)); // self-hosted usage is costed through its pool, never estimated
    }

    [Fact]
    public void An_unbilled_day_is_estimated_at_list_price_and_replaced_by_its_bill_when_it_arrives()
    {
        // 1M input at 2.50 and 100k output at 10.00 per 1M: 3.50 at list price.
        var usage = new[] { Vendor("t1", 1, 1_000_000, 100_000), Vendor("t1", 2, 2_000_000, 0) };
        var dayOne = new TimeWindow(October.Start, October.Start.AddDays(1));
        var bill = new CostLine("openai", 1, "gpt-4o", dayOne, ChargeCategory.Usage, TokenDirection.Mixed, 4.00m);

        var unbilled = CostSeries.Compute(Input(usage, [], []), October.FirstDay, new DateOnly(2026, 10, 2), [], Pools, estimate: true);
        Assert.Equal(3.5m, Daily(unbilled, 1, "t1"));
        Assert.Equal(3.5m, unbilled.Days.Single(d => d.Day.Day == 1).Estimated);
        Assert.Equal(5m, Daily(unbilled, 2, "t1"));

        var billed = CostSeries.Compute(Input(usage, [bill], []), October.FirstDay, new DateOnly(2026, 10, 2), [], Pools, estimate: true);
        Assert.Equal(4.00m, Daily(billed, 1, "t1"));
        Assert.Equal(0m, billed.Days.Where(d => d.Day.Day == 1).Sum(d => d.Estimated));
        Assert.Equal(5m, billed.Days.Where(d => d.Day.Day == 2).Sum(d => d.Estimated)); // day 2 still has no bill
        Assert.Equal(9m, billed.CostToDate.Sum(l => l.Cost));
    }

    [Fact]
    public void A_line_that_falls_back_to_nothing_gets_a_negative_day_so_the_days_still_add_up()
    {
        var previous = new[] { new CostToDateLine(SeriesLine.Direct("t1", "chat", "openai", "gpt-4o"), 3.5m, 3.5m) };
        var current = new[] { new CostToDateLine(SeriesLine.Direct("t2", "chat", "openai", "gpt-4o"), 4m, 0m) };
        var days = DailyCostLine.Between(new DateOnly(2026, 10, 2), previous, current);
        Assert.Equal([("t1", -3.5m, -3.5m), ("t2", 4m, 0m)], days.Select(d => (d.Line.Tenant, d.Cost, d.Estimated)));
    }
}
