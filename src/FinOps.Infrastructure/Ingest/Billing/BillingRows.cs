using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Billing;

/// <summary>Pieces every billing format needs: a natural key and the tags kept from unmapped columns.</summary>
internal static class BillingRows
{
    /// <summary>SHA-256 (hex) of the identifying values: the row's identity across re-exports.</summary>
    public static string NaturalKey(params string?[] identity) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', identity.Select(v => v ?? "")))));

    /// <summary>Every column the format does not map, plus <paramref name="extra"/>, as one JSON object (null when empty).</summary>
    public static string? Tags(CsvTable csv, IReadOnlySet<string> mapped, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in extra ?? []) tags[key] = value;
        foreach (var (key, value) in csv.Extras(mapped)) tags.TryAdd(key, value);
        return tags.Count == 0 ? null : JsonSerializer.Serialize(tags);
    }
}
