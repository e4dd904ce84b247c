using FinOps.Domain.Workflows;

namespace FinOps.Domain.Tests.Workflows;

/// <summary>The workflow numbers, each checked against figures worked out by hand.</summary>
public class WorkflowRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 17, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Percentiles_interpolate_between_closest_ranks()
    {
        // 3, 5, 8, 12: the median sits halfway between 5 and 8; p95 at rank 0.95 × 3 = 2.85, 8 + 0.85 × 4 = 11.4.
        decimal[] calls = [3, 5, 8, 12];
        Assert.Equal(6.5m, Percentiles.Of(calls, 0.5m));
        Assert.Equal(11.4m, Percentiles.Of(calls, 0.95m));
        Assert.Equal(12m, Percentiles.Of(calls, 1m));
        Assert.Equal(7m, Percentiles.Of([7m], 0.95m));
        Assert.Throws<ArgumentException>(() => Percentiles.Of([], 0.5m));
    }

    [Fact]
    public void A_workflow_summary_takes_medians_p95_max_and_totals_per_tenant_feature_and_workflow()
    {
        TraceTotals Run(string id, int calls, decimal cost, string workflow = "triage", decimal? allocated = null) =>
            new(id, "acme", "support", workflow, T0, T0.AddMinutes(1), calls, calls * 1_000L, cost, allocated);
        var summaries = WorkflowSummary.Of([
            Run("a", 3, 0.10m, allocated: 0.11m), Run("b", 5, 0.20m, allocated: 0.22m), Run("c", 8, 0.30m, allocated: 0.33m), Run("d", 12, 1.00m, allocated: 1.10m),
            Run("e", 2, 0.05m, "summarise"),
        ]);

        var triage = summaries[0];
        Assert.Equal(("acme", "support", "triage", 4), (triage.Tenant, triage.Feature, triage.Workflow, triage.Executions));
        Assert.Equal((6.5m, 11.4m, 12), (triage.CallsP50, triage.CallsP95, triage.CallsMax));
        Assert.Equal((6_500m, 11_400m), (triage.TokensP50, triage.TokensP95));
        // Costs 0.10, 0.20, 0.30, 1.00: median 0.25; p95 = 0.30 + 0.85 × 0.70 = 0.895; total 1.60.
        Assert.Equal((0.25m, 0.895m, 1.60m), (triage.CostP50, triage.CostP95, triage.CostTotal));
        Assert.Equal((0.275m, 1.76m), (triage.AllocatedP50, triage.AllocatedTotal));
        // A workflow with an execution not yet allocated shows no allocated figures rather than a partial sum.
        Assert.Equal(("summarise", (decimal?)null), (summaries[1].Workflow, summaries[1].AllocatedTotal));
    }

    [Fact]
    public void A_trace_runs_away_with_more_than_the_limit_of_calls_within_any_hour_not_only_a_clock_hour()
    {
        // 201 calls 15 s apart from 02:40 (50 minutes): 110 before 03:08 and 91 after — no clock hour holds 201, one sliding hour does.
        var loop = Enumerable.Range(0, 201).Select(i => new TraceCall(T0.AddMinutes(40).AddSeconds(15 * i), 0.01m)).ToList();
        var breach = RunawayRule.Default.Check(loop);

        Assert.NotNull(breach);
        Assert.True(breach.ByCalls);
        Assert.Equal((201, 201, T0.AddMinutes(90)), (breach.CallsInHour, breach.CallsSoFar, breach.At));
        // 201 calls over the 50 minutes from the window's first call to its last: 4.02 a minute; 2.01 spent in the hour.
        Assert.Equal(4.02m, breach.CallsPerMinute);
        Assert.Equal(2.01m, breach.CostInHour);
    }

    [Fact]
    public void Exactly_the_limit_and_a_slow_long_trace_do_not_run_away()
    {
        var atLimit = Enumerable.Range(0, 200).Select(i => new TraceCall(T0.AddSeconds(10 * i), 0m)).ToList();
        // 400 calls a minute and a half apart: 10 hours, 40 in any hour.
        var slow = Enumerable.Range(0, 400).Select(i => new TraceCall(T0.AddSeconds(90 * i), 0m)).ToList();
        // Calls exactly an hour apart are not within one hour: (t − 1 h, t] leaves the first out.
        var hourApart = new List<TraceCall> { new(T0, 0m), new(T0.AddHours(1), 0m) };

        Assert.Null(RunawayRule.Default.Check(atLimit));
        Assert.Null(RunawayRule.Default.Check(slow));
        Assert.Null(new RunawayRule(1).Check(hourApart));
        Assert.NotNull(new RunawayRule(1).Check([new(T0, 0m), new(T0.AddMinutes(59), 0m)]));
    }

    [Fact]
    public void A_cost_limit_catches_few_expensive_calls_within_an_hour()
    {
        // Four calls of 3.00 in 30 minutes: 12.00 > 10.00 at the fourth; the same calls two hours apart never pass 6.00 in an hour.
        var burst = Enumerable.Range(0, 4).Select(i => new TraceCall(T0.AddMinutes(10 * i), 3m)).ToList();
        var spread = Enumerable.Range(0, 4).Select(i => new TraceCall(T0.AddHours(2 * i), 3m)).ToList();
        var rule = new RunawayRule(200, 10m);

        var breach = rule.Check(burst);
        Assert.NotNull(breach);
        Assert.False(breach.ByCalls);
        Assert.Equal((4, 12m, T0.AddMinutes(30)), (breach.CallsInHour, breach.CostInHour, breach.At));
        Assert.Null(rule.Check(spread));
        Assert.Null(RunawayRule.Default.Check(burst));
        Assert.Equal("the cost limit must be above zero (or unset)", new RunawayRule(200, 0m).Problem);
        Assert.Equal("the call limit must be at least 1 call per hour", new RunawayRule(0).Problem);
    }

    [Fact]
    public void Calls_per_execution_are_bucketed_one_by_one_up_to_twenty_then_in_bands()
    {
        var buckets = CallBuckets.Of([3, 3, 12, 250, 600]);

        Assert.Equal(20 + 5, buckets.Count); // 1…20, 21–50, 51–100, 101–200, 201–500, 501–1000
        Assert.Equal(2, buckets.Single(b => b.Label == "3").Executions);
        Assert.Equal(1, buckets.Single(b => b.Label == "201–500").Executions);
        Assert.Equal(1, buckets.Single(b => b.Label == "501–1000").Executions);
        Assert.Equal(5, buckets.Sum(b => b.Executions));
        Assert.Empty(CallBuckets.Of([]));
    }
}
