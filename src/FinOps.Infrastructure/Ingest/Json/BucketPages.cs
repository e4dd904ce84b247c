using System.Text.Json;
using FinOps.Domain.Ingest;

namespace FinOps.Infrastructure.Ingest.Json;

/// <summary>
/// The page shape the vendors' admin APIs share (<c>data[]</c> buckets holding <c>results[]</c>), one page per file
/// or per line. Results are numbered across pages, since one line may hold several.
/// </summary>
internal static class BucketPages
{
    public static IEnumerable<ParsedRow<T>> Read<T>(JsonInput json, Func<JsonElement, JsonElement, long, ParsedRow<T>> parse) where T : class
    {
        var number = 0L;
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
                    yield return parse(bucket, result, ++number);
            }
        }
    }
}
