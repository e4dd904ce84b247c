using System.Globalization;
using FinOps.Application.Explorer;
using FinOps.Domain.Periods;

namespace FinOps.Web.Features.Explorer;

/// <summary>The explorer's ranges: month to date, the last 30 days, one period, or custom days.</summary>
public enum ExploreRange { MonthToDate, Last30Days, Period, Custom }

/// <summary>
/// An explorer view as it lives in the URL (<c>/explore?range=30d&amp;by=tenant&amp;then=feature&amp;grain=day&amp;provider=openai&amp;q=chat</c>),
/// so a view can be bookmarked and shared; the page and the CSV export read it the same way.
/// </summary>
public sealed record ExploreUrl(ExploreRange Range, string? Period, DateOnly? From, DateOnly? To, CostDimension By, CostDimension? Then, TimeGrain Grain,
    IReadOnlyDictionary<CostDimension, string> Filters, string? Search)
{
    public static readonly ExploreUrl Default = new(ExploreRange.MonthToDate, null, null, null, CostDimension.Tenant, null, TimeGrain.Day,
        new Dictionary<CostDimension, string>(), null);

    public static string RangeName(ExploreRange range) => range switch
    {
        ExploreRange.MonthToDate => "mtd",
        ExploreRange.Last30Days => "30d",
        ExploreRange.Period => "period",
        _ => "custom",
    };

    /// <summary>Reads the query string; anything malformed is named in <paramref name="problem"/> and the default stands in for it.</summary>
    public static ExploreUrl Parse(Func<string, string?> get, out string? problem)
    {
        problem = null;
        var range = get("range") switch
        {
            null or "" or "mtd" => ExploreRange.MonthToDate,
            "30d" => ExploreRange.Last30Days,
            "period" => ExploreRange.Period,
            "custom" => ExploreRange.Custom,
            var other => Bad(ref problem, $"range '{other}' is not one of mtd, 30d, period, custom", ExploreRange.MonthToDate),
        };
        var by = Dimension(get("by"), CostDimension.Tenant, ref problem);
        CostDimension? then = string.IsNullOrEmpty(get("then")) ? null : Dimension(get("then"), CostDimension.Feature, ref problem);
        var grain = get("grain") switch
        {
            null or "" or "day" => TimeGrain.Day,
            "month" => TimeGrain.Month,
            var other => Bad(ref problem, $"grain '{other}' is not day or month", TimeGrain.Day),
        };
        var filters = new Dictionary<CostDimension, string>();
        foreach (var dimension in Enum.GetValues<CostDimension>())
            if (get(ExploreQuery.Name(dimension)) is { Length: > 0 and <= 200 } value) filters[dimension] = value;
        var from = Day(get("from"), ref problem);
        var to = Day(get("to"), ref problem);
        var search = get("q") is { Length: > 0 } q ? q[..Math.Min(q.Length, 100)] : null;
        return new ExploreUrl(range, get("period"), from, to, by, then == by ? null : then, grain, filters, search);
    }

    /// <summary>The days the view covers, as of <paramref name="today"/> in the reporting time zone.</summary>
    public (ExploreQuery? Query, string? Problem) Resolve(DateOnly today, ReportingTimeZone zone)
    {
        var yesterday = today.AddDays(-1);
        (DateOnly From, DateOnly To)? days = Range switch
        {
            ExploreRange.MonthToDate => (new DateOnly(today.Year, today.Month, 1), today),
            ExploreRange.Last30Days => (yesterday.AddDays(-29), yesterday),
            ExploreRange.Period when ChargePeriod.TryParse(Period, zone, out var p) => (p.FirstDay, p.FirstDay.AddDays(p.DayCount - 1)),
            ExploreRange.Period => null,
            _ when From is { } f && To is { } t => (f, t),
            _ => null,
        };
        if (days is not { } range)
            return (null, Range == ExploreRange.Period ? $"'{Period}' is not a period (YYYY-MM)" : "a custom range needs both days (from and to, YYYY-MM-DD)");
        var query = new ExploreQuery(range.From, range.To, By, Then, Grain, Filters);
        return query.Problem() is { } problem ? (null, problem) : (query, null);
    }

    /// <summary>The query string of this view (only what differs from the defaults).</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Range != ExploreRange.MonthToDate) parts.Add($"range={RangeName(Range)}");
        if (Range == ExploreRange.Period && Period is { } period) parts.Add($"period={Uri.EscapeDataString(period)}");
        if (Range == ExploreRange.Custom)
        {
            if (From is { } f) parts.Add($"from={f:yyyy-MM-dd}");
            if (To is { } t) parts.Add($"to={t:yyyy-MM-dd}");
        }
        if (By != CostDimension.Tenant) parts.Add($"by={ExploreQuery.Name(By)}");
        if (Then is { } then) parts.Add($"then={ExploreQuery.Name(then)}");
        if (Grain == TimeGrain.Month) parts.Add("grain=month");
        foreach (var (dimension, value) in Filters.OrderBy(f => f.Key)) parts.Add($"{ExploreQuery.Name(dimension)}={Uri.EscapeDataString(value)}");
        if (Search is { Length: > 0 } q) parts.Add($"q={Uri.EscapeDataString(q)}");
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    /// <summary>Rows a search keeps: any key or display name containing the text, ignoring case.</summary>
    public bool Matches(ExploreRow row) => Search is not { Length: > 0 } q
        || new[] { row.Key, row.SubKey, row.Label, row.SubLabel }.Any(v => v?.Contains(q, StringComparison.OrdinalIgnoreCase) == true);

    private static CostDimension Dimension(string? text, CostDimension fallback, ref string? problem) =>
        string.IsNullOrEmpty(text) ? fallback
        : ExploreQuery.TryParseDimension(text, out var dimension) ? dimension
        : Bad(ref problem, $"'{text}' is not one of tenant, feature, provider, model, pool", fallback);

    private static DateOnly? Day(string? text, ref string? problem) =>
        string.IsNullOrEmpty(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : Bad<DateOnly?>(ref problem, $"'{text}' is not a day (YYYY-MM-DD)", null);

    private static T Bad<T>(ref string? problem, string why, T fallback)
    {
        problem ??= why;
        return fallback;
    }
}
