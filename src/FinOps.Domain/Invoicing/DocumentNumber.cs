using System.Globalization;
using System.Text.RegularExpressions;

namespace FinOps.Domain.Invoicing;

/// <summary>The two gap-free series an organisation numbers its documents in.</summary>
public enum DocumentSeries { Invoice, CreditNote }

/// <summary>
/// A finalised document's number (SEMANTICS §7): <c>INV-YYYY-NNNNN</c> or <c>CN-YYYY-NNNNN</c>, YYYY the year of
/// finalisation, NNNNN restarting at 00001 each year (widening past 99999 rather than wrapping).
/// </summary>
public sealed partial record DocumentNumber(DocumentSeries Series, int Year, int Sequence)
{
    public static string PrefixOf(DocumentSeries series) => series == DocumentSeries.Invoice ? "INV" : "CN";

    /// <summary>The number that follows <paramref name="last"/> issued in <paramref name="year"/> (0 when none was issued that year).</summary>
    public static DocumentNumber Next(DocumentSeries series, int year, int last)
    {
        if (year is < 2000 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "a finalisation year between 2000 and 9999");
        if (last < 0) throw new ArgumentOutOfRangeException(nameof(last), last, "the last number issued is never negative");
        return new DocumentNumber(series, year, checked(last + 1));
    }

    public override string ToString() =>
        $"{PrefixOf(Series)}-{Year.ToString("D4", CultureInfo.InvariantCulture)}-{Sequence.ToString("D5", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? text, out DocumentNumber number)
    {
        number = null!;
        var match = Pattern().Match(text?.Trim() ?? "");
        if (!match.Success) return false;
        var series = match.Groups["series"].Value.Equals("INV", StringComparison.OrdinalIgnoreCase) ? DocumentSeries.Invoice : DocumentSeries.CreditNote;
        if (!int.TryParse(match.Groups["seq"].Value, CultureInfo.InvariantCulture, out var sequence) || sequence == 0) return false;
        number = new DocumentNumber(series, int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), sequence);
        return true;
    }

    [GeneratedRegex("^(?<series>INV|CN)-(?<year>[0-9]{4})-(?<seq>[0-9]{5,9})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
