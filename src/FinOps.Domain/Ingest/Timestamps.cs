using System.Globalization;

namespace FinOps.Domain.Ingest;

/// <summary>Timestamps as files write them (SEMANTICS §1): stored as UTC; usage without an offset needs a source zone.</summary>
public static class Timestamps
{
    // Strict ISO-8601 only: "01/10/2026" means January in one country and October in the next.
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd'T'HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss zzz",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
    ];

    /// <summary>
    /// ISO-8601 with an offset (<c>2026-10-01T12:00:00Z</c>, <c>…+02:00</c>); without one only when
    /// <paramref name="sourceZone"/> says which zone the file was written in.
    /// </summary>
    public static bool TryParseUsage(string text, TimeZoneInfo? sourceZone, out DateTimeOffset instant, out string reason)
    {
        instant = default;
        var trimmed = text.Trim();
        if (trimmed.Length == 0) { reason = "a timestamp is required"; return false; }
        if (HasOffset(trimmed))
        {
            if (DateTimeOffset.TryParseExact(trimmed, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant))
            {
                instant = instant.ToUniversalTime();
                reason = "";
                return true;
            }
            reason = $"'{trimmed}' is not an ISO-8601 timestamp";
            return false;
        }
        if (!DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            reason = $"'{trimmed}' is not an ISO-8601 timestamp";
            return false;
        }
        if (sourceZone is null)
        {
            reason = $"'{trimmed}' has no UTC offset; write it like 2026-10-01T12:00:00Z or name the file's time zone (--time-zone)";
            return false;
        }
        if (sourceZone.IsInvalidTime(local))
        {
            reason = $"'{trimmed}' does not exist in {sourceZone.Id} (skipped by a daylight-saving change)";
            return false;
        }
        instant = new DateTimeOffset(local, sourceZone.GetUtcOffset(local)).ToUniversalTime();
        reason = "";
        return true;
    }

    /// <summary>Billing formats whose specification defines UTC: a missing offset means UTC (real FOCUS files write <c>2024-09-18 22:00:00</c>).</summary>
    public static bool TryParseUtc(string text, out DateTimeOffset instant, out string reason) =>
        TryParseUsage(text, TimeZoneInfo.Utc, out instant, out reason);

    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z')) return true;
        var time = text.IndexOfAny(['T', 't', ' ']);
        if (time < 0) return false;
        var tail = text[(time + 1)..];
        return tail.Contains('+') || tail.Contains('-');
    }
}
