namespace FinOps.Domain.Periods;

/// <summary>
/// Spreads an amount recorded over one span across the windows it overlaps, in proportion to seconds of overlap
/// (SEMANTICS §1: an infra invoice for 15 Oct–15 Nov, a three-year hardware row). Exact; never rounded here.
/// </summary>
public static class ProRating
{
    /// <summary>The part of <paramref name="amount"/> that falls inside <paramref name="window"/>.</summary>
    public static decimal PortionIn(decimal amount, TimeWindow span, TimeWindow window)
    {
        if (span.IsEmpty)
            return window.Contains(span.Start) ? amount : 0m;
        var overlap = span.Intersect(window);
        if (overlap.IsEmpty) return 0m;
        if (overlap == span) return amount;
        // Ticks keep sub-second spans exact. Multiplying first keeps a third of 3,000,000 at 1,000,000; only where that
        // would overflow decimal (huge amounts over long spans) is the ratio taken first.
        try
        {
            return amount * overlap.Duration.Ticks / span.Duration.Ticks;
        }
        catch (OverflowException)
        {
            return amount * ((decimal)overlap.Duration.Ticks / span.Duration.Ticks);
        }
    }

    /// <summary>The fraction (0..1) of <paramref name="span"/> that falls inside <paramref name="window"/>.</summary>
    public static decimal FractionIn(TimeWindow span, TimeWindow window) => PortionIn(1m, span, window);
}
