using System.Globalization;

namespace FinOps.Cli.Hosting;

/// <summary>A day flag (<c>--as-of 2026-11-15</c>): YYYY-MM-DD in the reporting zone, or wrong usage (exit 2) naming the flag.</summary>
public static class CliDay
{
    public static DateOnly? Parse(string flag, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliUsageException($"{flag}: '{text}' is not a day; write it as YYYY-MM-DD, e.g. 2026-11-15");
    }
}
