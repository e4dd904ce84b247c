using System.Text.Json;
using FinOps.Domain.Ingest;

namespace FinOps.Infrastructure.Ingest.Json;

/// <summary>
/// The page shape the vendors' admin APIs share (<c>data[]</c> buckets holding <c>results[]</c>), one page per file
/// or per line. Results are numbered across pages, since one line may hold several.
/// </summary>
internal static class BucketPages
{
    public static IEnumerable<ParsedRow<T>> Read<T>(JsonInput json, Func<JsonElement, JsonElement, long, ParsedRow<T>> parse) where T : class =>
        ReadMany<T>(json, (bucket, result, next) => [parse(bucket, result, next())]);

    /// <summary>For results that become several rows (one per token type): each row takes the next number.</summary>
    public static IEnumerable<ParsedRow<T>> ReadMany<T>(JsonInput json, Func<JsonElement, JsonElement, Func<long>, IEnumerable<ParsedRow<T>>> parse) where T : class
    {
        var number = 0L;
        long Next() => ++number;
        foreach (var record in json.Records())
        {
            if (record.Element is not { } page)
            {
                yield return ParsedRow<T>.Bad(record.Line, null, record.Error!, record.Raw);
                continue;
            }
            if (!page.TryGetProperty("data", out var buckets)) continue;
            foreach (var bucket in buckets.EnumerateArray())
            {
                if (!bucket.TryGetProperty("results", out var results)) continue;
                foreach (var result in results.EnumerateArray())
                foreach (var row in parse(bucket, result, Next))
                    yield return row;
            }
        }
    }

    /// <summary>Whether a sampled page holds a result the predicate recognises (how each vendor page is told apart).</summary>
    public static bool AnyResult(JsonElement? sample, Func<JsonElement, bool> recognise) =>
        sample is { ValueKind: JsonValueKind.Object } page && page.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
        && data.EnumerateArray().Any(b => b.ValueKind == JsonValueKind.Object && b.TryGetProperty("results", out var r)
                                          && r.ValueKind == JsonValueKind.Array && r.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.Object && recognise(x)));

    /// <summary>A bucket bound in Unix seconds (OpenAI); anything but a whole number is refused.</summary>
    public static bool TryUnix(JsonElement element, string name, out DateTimeOffset instant)
    {
        instant = default;
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seconds)) return false;
        instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return true;
    }

    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
