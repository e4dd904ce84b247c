using FinOps.Domain.Periods;

namespace FinOps.Application.Explorer;

/// <summary>What cost can be grouped and filtered by: the dimensions every stored daily cost line carries.</summary>
public enum CostDimension { Tenant, Feature, Provider, Model, Pool }

/// <summary>Buckets of the chart over time: days, or whole periods (months) across periods.</summary>
public enum TimeGrain { Day, Month }

/// <summary>
/// One explorer view: a range of days (inclusive), one or two grouping levels, filters per dimension and a grain.
/// It round-trips through a URL query string, so a view can be bookmarked and shared.
/// </summary>
public sealed record ExploreQuery(DateOnly From, DateOnly To, CostDimension GroupBy, CostDimension? ThenBy, TimeGrain Grain,
    IReadOnlyDictionary<CostDimension, string> Filters)
{
    /// <summary>At most this many days in one view (13 months): a view reads stored daily costs, and stays bounded.</summary>
    public const int MaxDays = 400;

    public IEnumerable<ChargePeriod> Periods(ReportingTimeZone zone)
    {
        for (var period = ChargePeriod.Of(From.Year, From.Month, zone); period.FirstDay <= To; period = period.Next()) yield return period;
    }

    public static string Name(CostDimension dimension) => dimension.ToString().ToLowerInvariant();

    public static bool TryParseDimension(string? text, out CostDimension dimension) =>
        Enum.TryParse(text, ignoreCase: true, out dimension) && Enum.IsDefined(dimension);

    /// <summary>Why the query cannot be answered (range reversed or too long, a level repeated), or null.</summary>
    public string? Problem() =>
        To < From ? $"the range ends ({To:yyyy-MM-dd}) before it starts ({From:yyyy-MM-dd})"
        : To.DayNumber - From.DayNumber + 1 > MaxDays ? $"a view spans at most {MaxDays} days ({From:yyyy-MM-dd} to {To:yyyy-MM-dd} is {To.DayNumber - From.DayNumber + 1})"
        : ThenBy == GroupBy ? "the second level must differ from the first"
        : null;
}
