namespace FinOps.Domain.Periods;

/// <summary>A half-open interval of instants, [Start, End): an instant equal to End belongs to the next window.</summary>
public readonly record struct TimeWindow
{
    public TimeWindow(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
            throw new ArgumentException($"Window end {end:O} is before its start {start:O}.", nameof(end));
        Start = start.ToUniversalTime();
        End = end.ToUniversalTime();
    }

    public DateTimeOffset Start { get; }
    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;

    public bool IsEmpty => End == Start;

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool Overlaps(TimeWindow other) => Start < other.End && other.Start < End;

    /// <summary>The shared part of two windows, or an empty window at the later start when they do not meet.</summary>
    public TimeWindow Intersect(TimeWindow other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return end > start ? new TimeWindow(start, end) : new TimeWindow(start, start);
    }

    public override string ToString() => $"[{Start:O}, {End:O})";
}
