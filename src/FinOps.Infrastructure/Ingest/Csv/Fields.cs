using System.Globalization;
using System.Text.Json;

namespace FinOps.Infrastructure.Ingest.Csv;

/// <summary>Field conversions shared by the formats, each with the message a finance user sees when it fails.</summary>
internal static class Fields
{
    public static bool TryTokens(string? text, out long value, out string reason)
    {
        value = 0;
        if (text is null) { reason = "a token count is required"; return false; }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            // Digits that do not fit a 64-bit count are a count far beyond any request, not a malformed one.
            var digits = text.TrimStart('+');
            reason = digits.Length > 0 && digits.All(char.IsAsciiDigit)
                ? $"{(digits.Length > 30 ? digits[..30] + "…" : digits)} tokens is beyond the limit of {FinOps.Domain.Ingest.IngestBounds.DefaultMaxTokens:N0}"
                // "1e3" or "12.0" are not token counts; say what was found.
                : $"'{text}' is not a whole number of tokens";
            return false;
        }
        if (value < 0) { reason = $"{value} tokens is negative"; return false; }
        reason = "";
        return true;
    }

    public static bool TryDecimal(string? text, out decimal value, out string reason)
    {
        value = 0m;
        if (text is null) { reason = "a number is required"; return false; }
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            reason = "";
            return true;
        }
        reason = $"'{text}' is not a number (use '.' as the decimal point, no thousands separators)";
        return false;
    }

    /// <summary>Why a currency cell cannot be read: missing, or not an ISO 4217 code.</summary>
    public static string NotACurrency(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "a currency is required" : $"'{text}' is not an ISO 4217 currency code";

    public static string? TagsJson(IEnumerable<KeyValuePair<string, string>> extras)
    {
        var dictionary = extras.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return dictionary.Count == 0 ? null : JsonSerializer.Serialize(dictionary);
    }
}
