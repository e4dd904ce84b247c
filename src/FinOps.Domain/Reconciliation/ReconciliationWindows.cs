using FinOps.Domain.Periods;

namespace FinOps.Domain.Reconciliation;

public enum WindowKind { Hour, Day, Period }

/// <summary>
/// The windows a provider's bills and logs are compared in for one period (SEMANTICS §3): hours, days (default) or
/// the whole period in the reporting time zone, shifted by the provider's billing-day offset. Shifted windows that
/// straddle the period's edges are kept, so no hour of the period is left out.
/// </summary>
public static class ReconciliationWindows
{
    public static IReadOnlyList<TimeWindow> For(ChargePeriod period, WindowKind kind, int offsetHours = 0)
    {
        var shift = TimeSpan.FromHours(offsetHours);
        IEnumerable<TimeWindow> windows = kind switch
        {
            WindowKind.Hour => period.Previous().Hours().TakeLast(24).Concat(period.Hours()).Concat(period.Next().Hours().Take(24)),
            WindowKind.Day => period.Previous().Days().TakeLast(1).Concat(period.Days()).Concat(period.Next().Days().Take(1)),
            WindowKind.Period => [period.Previous().Window, period.Window, period.Next().Window],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return windows
            .Select(w => new TimeWindow(w.Start + shift, w.End + shift))
            .Where(w => w.Overlaps(period.Window))
            .ToList();
    }

    public static WindowKind Parse(string text) =>
        TryParse(text, out var kind) ? kind : throw new FormatException($"'{text}' is not a window; use hour, day or period");

    public static bool TryParse(string? text, out WindowKind kind)
    {
        kind = text?.Trim().ToLowerInvariant() switch
        {
            "hour" => WindowKind.Hour,
            "day" => WindowKind.Day,
            "period" => WindowKind.Period,
            _ => (WindowKind)(-1),
        };
        return Enum.IsDefined(kind);
    }
}
