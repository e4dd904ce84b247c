namespace FinOps.Domain.Periods;

/// <summary>
/// The organisation's one reporting time zone (SEMANTICS §1, default UTC). Periods and day windows start at local
/// midnight; where a DST change removes local midnight the day starts at the first instant that exists, and where
/// midnight happens twice it starts at the first one.
/// </summary>
public sealed record ReportingTimeZone
{
    public static ReportingTimeZone Utc { get; } = new(TimeZoneInfo.Utc);

    public ReportingTimeZone(TimeZoneInfo zone) => Zone = zone ?? throw new ArgumentNullException(nameof(zone));

    public TimeZoneInfo Zone { get; }

    public string Id => Zone.Id;

    /// <summary>Resolves an IANA id such as <c>Europe/Berlin</c>; throws with the id when it is unknown.</summary>
    public static ReportingTimeZone FromId(string id) =>
        string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase)
            ? Utc
            : TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
                ? new ReportingTimeZone(zone)
                : throw new ArgumentException($"Unknown time zone '{id}'.", nameof(id));

    /// <summary>The UTC instant at which the local calendar day <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Local midnight skipped by a spring-forward: walk forward to the first local minute that exists.
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(1);
        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max() // the larger offset is the earlier instant
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The local calendar day an instant falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        // A day whose midnight was skipped starts later than 00:00 local; instants before that belong to the day before.
        return instant < StartOfDay(day) ? day.AddDays(-1) : day;
    }

    public override string ToString() => Id;
}
