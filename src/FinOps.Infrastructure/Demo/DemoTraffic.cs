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
/// loop night's as runs of hundreds. Memory: an hour of requests, and the agent's runs still to be emitted.
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

    /// <summary>A normal agent run's calls; a looping run's calls and pace in calls a minute (every one exceeds 200 calls within an hour).</summary>
    private const int RunCallsMin = 3, RunCallsMax = 12, LoopCallsMin = 250, LoopCallsMax = 600, LoopPaceMin = 8, LoopPaceMax = 15;

    public DateTimeOffset Start { get; } = new(year, month, 1, 0, 0, 0, TimeSpan.Zero);

    private long MonthBase => (year * 100L + month) * 100_000_000L;
    /// <summary>The days generated: the whole month, or its first days up to <c>throughDay</c> (the month so far).</summary>
    public int Days => Math.Clamp(throughDay ?? int.MaxValue, 1, DateTime.DaysInMonth(year, month));

    private string TracePrefix => $"run-{year:D4}{month:D2}-";

    private readonly List<string> _loopTraceIds = [];

    /// <summary>The trace ids of the loop night's runs, known once <see cref="Generate"/> has been enumerated.</summary>
    public IReadOnlyList<string> LoopTraceIds => _loopTraceIds;

    /// <remarks>
    /// The agent's requests are drawn exactly as every other request (the same random stream, so the rest of the
    /// month does not change with them), then grouped into runs: a run's calls are moved forward in time to follow
    /// its last call a few seconds apart (a loop's at 8–15 calls a minute), never past the end of its day — so every
    /// day's totals, and all that is computed from days, are what they were before runs existed.
    /// </remarks>
    public IEnumerable<DemoRequest> Generate()
    {
        var random = new Random(seed);
        var traces = new Random(seed ^ 0x7ace);
        var perDay = Spread(requests - Runaway, Enumerable.Range(0, Days).Select(DayWeight).ToArray());
        var workloads = DemoCatalog.Workloads;
        var cumulative = Cumulative(workloads.Select(w => w.Weight).ToArray());
        var runawayWorkload = workloads.Single(IsAgent);
        var number = 0L;
        var (runs, loopLeft) = (0, Runaway);
        var waiting = new List<DemoRequest>(); // moved forward, emitted with the hour they now fall in
        var run = new List<DemoRequest>();
        var runTarget = traces.Next(RunCallsMin, RunCallsMax + 1);
        var loop = new List<DemoRequest>();
        var loopTarget = traces.Next(LoopCallsMin, LoopCallsMax + 1);
        _loopTraceIds.Clear();

        for (var day = 0; day < Days; day++)
        {
            var dayEnd = Start.AddDays(day + 1);
            var perHour = Spread(perDay[day], Enumerable.Range(0, 24).Select(HourWeight).ToArray());
            // The loop runs from 02:00 to 10:00 on its day: requests on top of the day's normal traffic.
            var loopHours = day + 1 == RunawayDay ? Spread(Runaway, Enumerable.Range(0, 24).Select(h => h is >= 2 and < 10 ? 1.0 : 0.0).ToArray()) : null;
            for (var hour = 0; hour < 24; hour++)
            {
                var hourStart = Start.AddDays(day).AddHours(hour);
                var batch = new List<DemoRequest>(perHour[hour] + (loopHours?[hour] ?? 0));
                for (var i = 0; i < perHour[hour]; i++)
                {
                    var request = Request(random, hourStart, Pick(random, workloads, cumulative), day, loop: false);
                    if (!IsAgent(request.Workload))
                    {
                        batch.Add(request);
                        continue;
                    }
                    run.Add(request);
                    if (run.Count < runTarget) continue;
                    waiting.AddRange(Retime(run, $"{TracePrefix}{++runs:D6}", traces, dayEnd, loopPace: null));
                    (run, runTarget) = ([], traces.Next(RunCallsMin, RunCallsMax + 1));
                }
                for (var i = 0; i < (loopHours?[hour] ?? 0); i++)
                {
                    loop.Add(Request(random, hourStart, runawayWorkload, day, loop: true));
                    loopLeft--;
                    // The night's last calls join the run before them rather than make a short one.
                    if (loop.Count < loopTarget || loopLeft is > 0 and < LoopCallsMin) continue;
                    var traceId = $"{TracePrefix}loop-{_loopTraceIds.Count + 1:D3}";
                    _loopTraceIds.Add(traceId);
                    waiting.AddRange(Retime(loop, traceId, traces, dayEnd, loopPace: traces.Next(LoopPaceMin, LoopPaceMax + 1)));
                    (loop, loopTarget) = ([], traces.Next(LoopCallsMin, LoopCallsMax + 1));
                }
                if (hour == 23)
                {
                    // Runs never cross midnight: a day's unfinished run ends with the day.
                    if (run.Count > 0) waiting.AddRange(Retime(run, $"{TracePrefix}{++runs:D6}", traces, dayEnd, loopPace: null));
                    if (loop.Count > 0)
                    {
                        _loopTraceIds.Add($"{TracePrefix}loop-{_loopTraceIds.Count + 1:D3}");
                        waiting.AddRange(Retime(loop, _loopTraceIds[^1], traces, dayEnd, loopPace: LoopPaceMin));
                    }
                    (run, loop) = ([], []);
                }
                var hourEnd = hourStart.AddHours(1);
                batch.AddRange(waiting.Where(r => r.OccurredAt < hourEnd));
                waiting.RemoveAll(r => r.OccurredAt < hourEnd);
                batch.Sort((a, b) => a.OccurredAt.CompareTo(b.OccurredAt));
                // Request ids carry their month (2026-11's first is 202611·10⁸ + 1): months loaded one after another never share one,
                // which the duplicate rule would otherwise drop as a repeat of an earlier month's request.
                foreach (var request in batch) yield return request with { Number = MonthBase + ++number };
            }
        }
    }

    /// <summary>
    /// A run's calls as one trace, from its last call's time on: 2–40 s apart (a loop: at its pace), squeezed to end
    /// before <paramref name="dayEnd"/>. Only forward: no call moves to an earlier hour than it was drawn in.
    /// </summary>
    private static IEnumerable<DemoRequest> Retime(List<DemoRequest> calls, string traceId, Random traces, DateTimeOffset dayEnd, int? loopPace)
    {
        var start = calls[^1].OccurredAt;
        var gaps = calls.Select((_, i) => i == 0 ? 0.0 : loopPace is { } pace ? 60.0 / pace : 2 + traces.NextDouble() * 38).ToArray();
        var total = gaps.Sum();
        var room = (dayEnd - start).TotalSeconds - 1;
        var scale = total > room ? Math.Max(0, room) / total : 1.0;
        var offset = 0.0;
        for (var i = 0; i < calls.Count; i++)
        {
            offset += gaps[i] * scale;
            yield return calls[i] with { OccurredAt = start.AddMilliseconds(Math.Floor(offset * 1000)), TraceId = traceId, Workflow = AgentWorkflow };
        }
    }

    private int Runaway => (int)Math.Round(requests * RunawayShare);

    private static bool IsAgent(DemoWorkload w) => w.Tenant == DemoCatalog.RunawayTenant && w.Feature == DemoCatalog.RunawayFeature;

    private DemoRequest Request(Random random, DateTimeOffset hourStart, DemoWorkload workload, int day, bool loop)
    {
        var at = hourStart.AddMilliseconds(random.Next(3_600_000));
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
