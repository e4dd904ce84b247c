namespace FinOps.Infrastructure.Demo;

/// <summary>One generated LLM request, before any gateway logs it.</summary>
internal sealed record DemoRequest(
    long Number, DateTimeOffset OccurredAt, DemoWorkload Workload, long InputTokens, long CachedInputTokens, long OutputTokens,
    int LatencyMs, string Status, string? TraceId = null, string? Workflow = null)
{
    public long UncachedInputTokens => InputTokens - CachedInputTokens;
}

/// <summary>
/// The month's requests in time order, deterministic for a seed: weekdays busier than weekends, a daily peak in
/// the afternoon (UTC), slow growth over the month, an agent stuck in a loop for most of one night, and one feature
/// whose prompts grow day by day. The agent's requests come as runs (traces) of 3–12 calls a few seconds apart; the
/// loop night's as runs of hundreds. Constant memory: one hour of requests at a time.
/// </summary>
internal sealed class DemoTraffic(int year, int month, int requests, int seed, int? throughDay = null)
{
    /// <summary>The day (1-based) the runaway agent loops, and the share of the month's requests it burns.</summary>
    public const int RunawayDay = 17;

    /// <summary>The day (1-based) the summarizer's prompts start to grow.</summary>
    public const int CreepStartDay = 10;
    private const double RunawayShare = 0.04;

    /// <summary>The workflow the agent's runs execute, looping or not.</summary>
    public const string AgentWorkflow = "plan-and-act";

    /// <summary>A normal agent run's calls, and the mean the agent's weight is divided by so its share of calls stays the same.</summary>
    private const int RunCallsMin = 3, RunCallsMax = 12;
    private const double MeanRunCalls = (RunCallsMin + RunCallsMax) / 2.0;

    /// <summary>A looping run's calls, and its pace in calls a minute: every one exceeds 200 calls within an hour.</summary>
    private const int LoopCallsMin = 250, LoopCallsMax = 600, LoopPaceMin = 8, LoopPaceMax = 15;

    private sealed record LoopRun(string TraceId, DateTimeOffset Start, int Calls, double SecondsApart);

    public DateTimeOffset Start { get; } = new(year, month, 1, 0, 0, 0, TimeSpan.Zero);

    private long MonthBase => (year * 100L + month) * 100_000_000L;
    /// <summary>The days generated: the whole month, or its first days up to <c>throughDay</c> (the month so far).</summary>
    public int Days => Math.Clamp(throughDay ?? int.MaxValue, 1, DateTime.DaysInMonth(year, month));

    private string TracePrefix => $"run-{year:D4}{month:D2}-";

    /// <summary>The trace ids of the loop night's runs (none when the month generated ends before it).</summary>
    public IReadOnlyList<string> LoopTraceIds => LoopRuns().Select(r => r.TraceId).ToList();

    public IEnumerable<DemoRequest> Generate()
    {
        var random = new Random(seed);
        var perDay = Spread(requests - Runaway, Enumerable.Range(0, Days).Select(DayWeight).ToArray());
        var workloads = DemoCatalog.Workloads;
        // The agent is picked once per run of several calls, so it is picked that much less often than it calls.
        var cumulative = Cumulative(workloads.Select(w => IsAgent(w) ? w.Weight / MeanRunCalls : w.Weight).ToArray());
        var runawayWorkload = workloads.Single(IsAgent);
        var loops = LoopRuns();
        var number = 0L;
        var runs = 0;

        for (var day = 0; day < Days; day++)
        {
            var perHour = Spread(perDay[day], Enumerable.Range(0, 24).Select(HourWeight).ToArray());
            for (var hour = 0; hour < 24; hour++)
            {
                var hourStart = Start.AddDays(day).AddHours(hour);
                var batch = new List<DemoRequest>(perHour[hour]);
                for (var i = 0; i < perHour[hour]; i++)
                {
                    var workload = Pick(random, workloads, cumulative);
                    if (!IsAgent(workload))
                    {
                        batch.Add(Request(random, hourStart, workload, day, loop: false));
                        continue;
                    }
                    // One agent run: its calls a few seconds apart, all inside this hour, counted against the hour's requests.
                    var calls = Math.Min(random.Next(RunCallsMin, RunCallsMax + 1), perHour[hour] - i);
                    var at = hourStart.AddSeconds(random.Next(3_600 - calls * 40));
                    var traceId = $"{TracePrefix}{++runs:D6}";
                    for (var call = 0; call < calls; call++)
                    {
                        at = at.AddMilliseconds(2_000 + random.Next(38_000));
                        batch.Add(Request(random, hourStart, workload, day, loop: false, at) with { TraceId = traceId, Workflow = AgentWorkflow });
                    }
                    i += calls - 1;
                }
                // The loop runs from 02:00 to 10:00 on its day: runs on top of the day's normal traffic.
                foreach (var loop in loops)
                    for (var call = 0; call < loop.Calls; call++)
                    {
                        var at = loop.Start.AddSeconds(call * loop.SecondsApart);
                        if (at >= hourStart && at < hourStart.AddHours(1))
                            batch.Add(Request(random, hourStart, runawayWorkload, day, loop: true, at) with { TraceId = loop.TraceId, Workflow = AgentWorkflow });
                    }
                batch.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
                // Request ids carry their month (2026-11's first is 202611·10⁸ + 1): months loaded one after another never share one,
                // which the duplicate rule would otherwise drop as a repeat of an earlier month's request.
                foreach (var request in batch) yield return request with { Number = MonthBase + ++number };
            }
        }
    }

    private int Runaway => (int)Math.Round(requests * RunawayShare);

    private static bool IsAgent(DemoWorkload w) => w.Tenant == DemoCatalog.RunawayTenant && w.Feature == DemoCatalog.RunawayFeature;

    /// <summary>
    /// The loop night as runs of 250–600 calls at 8–15 calls a minute, each inside 02:00–10:00, together exactly the
    /// month's loop share (a small month's loop is one shorter run). Deterministic for the seed, apart from the traffic.
    /// </summary>
    private IReadOnlyList<LoopRun> LoopRuns()
    {
        if (RunawayDay > Days || Runaway == 0) return [];
        var random = new Random(seed ^ 0x100b);
        var night = Start.AddDays(RunawayDay - 1).AddHours(2);
        var runs = new List<LoopRun>();
        for (var left = Runaway; left > 0;)
        {
            var calls = left <= LoopCallsMax ? left : left < LoopCallsMax + LoopCallsMin ? left / 2 : random.Next(LoopCallsMin, LoopCallsMax + 1);
            var secondsApart = 60.0 / random.Next(LoopPaceMin, LoopPaceMax + 1);
            var span = (int)Math.Ceiling(calls * secondsApart);
            var start = night.AddSeconds(random.Next(Math.Max(1, 8 * 3_600 - span)));
            runs.Add(new LoopRun($"{TracePrefix}loop-{runs.Count + 1:D3}", start, calls, secondsApart));
            left -= calls;
        }
        return runs;
    }

    private DemoRequest Request(Random random, DateTimeOffset hourStart, DemoWorkload workload, int day, bool loop, DateTimeOffset? when = null)
    {
        var at = when ?? hourStart.AddMilliseconds(random.Next(3_600_000));
        var size = 0.45 + random.NextDouble() * 1.1;
        // Prompt creep: a release on the 10th makes the summarizer's prompts grow from 1× to 2.5× within a week, and they stay there.
        var creep = workload.Feature != DemoCatalog.CreepingFeature ? 1.0
            : day < CreepStartDay - 1 ? 1.0
            : Math.Min(2.5, 1 + 1.5 * (day - CreepStartDay + 2) / 7.0);
        // An agent loop re-sends its growing context: long inputs, short outputs, mostly cached.
        var input = (long)Math.Max(20, workload.MeanInput * size * creep * (loop ? 2.5 : 1));
        var cachedShare = loop ? 0.7 : workload.Model.CacheShare * random.NextDouble() * 2;
        var cached = (long)(input * Math.Min(cachedShare, 0.95));
        var output = (long)Math.Max(1, workload.MeanOutput * (loop ? 0.3 : 0.5 + random.NextDouble()));
        var latency = 180 + (int)(output * (8 + random.NextDouble() * 10));
        var status = random.NextDouble() < 0.012 ? "error" : "ok";
        return new DemoRequest(0, at, workload, input, cached, output, latency, status);
    }

    private double DayWeight(int day)
    {
        var weekday = Start.AddDays(day).DayOfWeek;
        var weekly = weekday is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.45 : weekday == DayOfWeek.Monday ? 1.1 : 1.0;
        return weekly * (1 + 0.012 * day);
    }

    private static double HourWeight(int hour) => 0.2 + Math.Exp(-Math.Pow(hour - 15, 2) / 18) + 0.5 * Math.Exp(-Math.Pow(hour - 9, 2) / 8);

    /// <summary>Splits a whole number by weights so the parts sum to it exactly (largest remainder).</summary>
    internal static int[] Spread(int total, double[] weights)
    {
        var sum = weights.Sum();
        var exact = weights.Select(w => sum == 0 ? 0 : total * w / sum).ToArray();
        var parts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - parts.Sum();
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => exact[i] - parts[i]).ThenBy(i => i).Take(left)) parts[i]++;
        return parts;
    }

    private static double[] Cumulative(double[] weights)
    {
        var total = weights.Sum();
        var running = 0.0;
        return weights.Select(w => running += w / total).ToArray();
    }

    private static DemoWorkload Pick(Random random, DemoWorkload[] workloads, double[] cumulative)
    {
        var x = random.NextDouble();
        var index = Array.BinarySearch(cumulative, x);
        if (index < 0) index = ~index;
        return workloads[Math.Min(index, workloads.Length - 1)];
    }
}
