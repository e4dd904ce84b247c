using System.Globalization;

namespace FinOps.Domain.Periods;

/// <summary>
/// A calendar month in the reporting time zone: [first day 00:00, first day of next month 00:00) local, held as
/// UTC instants (SEMANTICS §1). Written <c>YYYY-MM</c>.
/// </summary>
public sealed record ChargePeriod : IComparable<ChargePeriod>
{
    private ChargePeriod(int year, int month, ReportingTimeZone zone)
    {
        Year = year;
        Month = month;
        Zone = zone;
        var first = new DateOnly(year, month, 1);
        Window = new TimeWindow(zone.StartOfDay(first), zone.StartOfDay(first.AddMonths(1)));
    }

    public int Year { get; }
    public int Month { get; }
    public ReportingTimeZone Zone { get; }

    /// <summary>The period as UTC instants, end exclusive.</summary>
    public TimeWindow Window { get; }

    public DateTimeOffset Start => Window.Start;
    public DateTimeOffset End => Window.End;

    public DateOnly FirstDay => new(Year, Month, 1);

    public int DayCount => DateTime.DaysInMonth(Year, Month);

    public static ChargePeriod Of(int year, int month, ReportingTimeZone? zone = null)
    {
        if (year is < 2000 or > 9998) throw new ArgumentOutOfRangeException(nameof(year), year, "Year must be between 2000 and 9998.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be between 1 and 12.");
        return new ChargePeriod(year, month, zone ?? ReportingTimeZone.Utc);
    }

    /// <summary>The period that contains <paramref name="instant"/> in the given zone.</summary>
    public static ChargePeriod Containing(DateTimeOffset instant, ReportingTimeZone zone)
    {
        var day = zone.DayOf(instant);
        return Of(day.Year, day.Month, zone);
    }

    /// <summary>Parses <c>YYYY-MM</c>, the way periods are written on the CLI and in files.</summary>
    public static ChargePeriod Parse(string text, ReportingTimeZone? zone = null) =>
        TryParse(text, zone, out var period)
            ? period
            : throw new FormatException($"'{text}' is not a period; write it as YYYY-MM, e.g. 2026-10.");

    public static bool TryParse(string? text, ReportingTimeZone? zone, out ChargePeriod period)
    {
        period = null!;
        if (text is null || text.Length != 7 || text[4] != '-') return false;
        if (!int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)) return false;
        if (year is < 2000 or > 9998 || month is < 1 or > 12) return false;
        period = Of(year, month, zone);
        return true;
    }

    public ChargePeriod Next() => Month == 12 ? Of(Year + 1, 1, Zone) : Of(Year, Month + 1, Zone);

    public ChargePeriod Previous() => Month == 1 ? Of(Year - 1, 12, Zone) : Of(Year, Month - 1, Zone);

    /// <summary>Local calendar days of the period as UTC windows (23 or 25 hours long across DST changes).</summary>
    public IEnumerable<TimeWindow> Days()
    {
        for (var day = FirstDay; day.Month == Month; day = day.AddDays(1))
            yield return new TimeWindow(Zone.StartOfDay(day), Zone.StartOfDay(day.AddDays(1)));
    }

    /// <summary>Hour windows of the period: consecutive elapsed hours from the period's start.</summary>
    public IEnumerable<TimeWindow> Hours()
    {
        for (var start = Start; start < End; start = start.AddHours(1))
            yield return new TimeWindow(start, start.AddHours(1) < End ? start.AddHours(1) : End);
    }

    public int CompareTo(ChargePeriod? other) =>
        other is null ? 1 : (Year, Month).CompareTo((other.Year, other.Month));

    public bool Equals(ChargePeriod? other) =>
        other is not null && Year == other.Year && Month == other.Month && Zone.Equals(other.Zone);

    public override int GetHashCode() => HashCode.Combine(Year, Month, Zone.Id);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
