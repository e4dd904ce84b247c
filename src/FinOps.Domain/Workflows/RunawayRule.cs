namespace FinOps.Domain.Workflows;

/// <summary>One call of a trace as the runaway check sees it: when, and its list cost (0 when its model has no card).</summary>
public readonly record struct TraceCall(DateTimeOffset At, decimal ListCost);

/// <summary>
/// The first hour in which a trace ran away: the calls and list cost of the 60 minutes ending at <see cref="At"/>,
/// their pace (calls ÷ the minutes from the window's first call to its last, at least one minute) and what the whole
/// trace had made and cost by the time it was checked.
/// </summary>
public sealed record RunawayBreach(DateTimeOffset At, int CallsInHour, decimal CostInHour, decimal CallsPerMinute, int CallsSoFar, decimal CostSoFar, bool ByCalls);

/// <summary>
/// When a workflow execution is a runaway loop (SEMANTICS §8): more than <see cref="MaxCallsPerHour"/> calls, or a
/// list cost above <see cref="CostLimitPerHour"/> (when set), within any hour — any 60-minute window (t − 1 h, t]
/// ending at one of its calls, not just clock hours, so a loop straddling 10:00 is caught the same.
/// </summary>
public sealed record RunawayRule(int MaxCallsPerHour = 200, decimal? CostLimitPerHour = null)
{
    public static RunawayRule Default { get; } = new();

    public string? Problem =>
        MaxCallsPerHour < 1 ? "the call limit must be at least 1 call per hour"
        : CostLimitPerHour is <= 0m ? "the cost limit must be above zero (or unset)"
        : null;

    /// <param name="calls">The trace's calls in time order.</param>
    /// <returns>The first window that breaks the rule, or null when the trace never ran away.</returns>
    public RunawayBreach? Check(IReadOnlyList<TraceCall> calls)
    {
        var first = 0;
        var cost = 0m;
        for (var last = 0; last < calls.Count; last++)
        {
            cost += calls[last].ListCost;
            var from = calls[last].At.AddHours(-1);
            while (calls[first].At <= from) cost -= calls[first++].ListCost;
            var count = last - first + 1;
            var byCalls = count > MaxCallsPerHour;
            if (!byCalls && !(CostLimitPerHour is { } limit && cost > limit)) continue;
            var minutes = Math.Max(1m, (decimal)(calls[last].At - calls[first].At).TotalMinutes);
            return new RunawayBreach(calls[last].At, count, cost, count / minutes, calls.Count, calls.Sum(c => c.ListCost), byCalls);
        }
        return null;
    }
}
