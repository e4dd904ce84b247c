namespace FinOps.Domain.Forecasting;

/// <summary>One day of a tenant × feature's requests and tokens (all input, cached included, plus output).</summary>
public sealed record RequestDay(DateOnly Day, long Requests, long Tokens);

/// <summary>An episode of inflated prompts: the first day the ratio reached 1.5, the ratio then, and the day it fell back (null while it lasts).</summary>
public sealed record InflationEpisode(DateOnly CrossedOn, decimal Ratio, DateOnly? EndedOn);

/// <summary>
/// Token inflation (SEMANTICS §8): tokens per request of the 7 days ending D against the 7 days before, each with at
/// least 50 requests; an episode starts on the first day the ratio is ≥ 1.5 and ends when it falls back below 1.5 —
/// one alert per episode, however long it lasts.
/// </summary>
public static class TokenInflation
{
    public const decimal Threshold = 1.5m;
    public const int Days = 7;
    public const int MinimumRequests = 50;

    /// <summary>The ratio on a day, or null when either week has fewer than 50 requests (or no tokens to compare with).</summary>
    public static decimal? Ratio(IReadOnlyDictionary<DateOnly, RequestDay> days, DateOnly day)
    {
        var (recent, before) = (Week(days, day), Week(days, day.AddDays(-Days)));
        if (recent.Requests < MinimumRequests || before.Requests < MinimumRequests || before.Tokens == 0) return null;
        return (decimal)recent.Tokens / recent.Requests / ((decimal)before.Tokens / before.Requests);
    }

    /// <summary>The episodes over a run of days, replayed in order.</summary>
    public static IReadOnlyList<InflationEpisode> Episodes(IReadOnlyDictionary<DateOnly, RequestDay> days, DateOnly from, DateOnly through)
    {
        var episodes = new List<InflationEpisode>();
        InflationEpisode? open = null;
        for (var day = from; day <= through; day = day.AddDays(1))
        {
            var ratio = Ratio(days, day);
            if (open is null && ratio >= Threshold) open = new InflationEpisode(day, ratio.Value, null);
            else if (open is not null && ratio is { } r && r < Threshold)
            {
                episodes.Add(open with { EndedOn = day });
                open = null;
            }
        }
        if (open is not null) episodes.Add(open);
        return episodes;
    }

    private static (long Requests, long Tokens) Week(IReadOnlyDictionary<DateOnly, RequestDay> days, DateOnly last)
    {
        var (requests, tokens) = (0L, 0L);
        for (var i = 0; i < Days; i++)
            if (days.TryGetValue(last.AddDays(-i), out var d)) (requests, tokens) = (requests + d.Requests, tokens + d.Tokens);
        return (requests, tokens);
    }
}
