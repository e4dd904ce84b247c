using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Json;
using static FinOps.Infrastructure.Ingest.VendorUsage.VendorUsageLines;

using static FinOps.Infrastructure.Ingest.Json.BucketPages;

namespace FinOps.Infrastructure.Ingest.VendorUsage;

/// <summary>
/// Pages of the Anthropic usage report (<c>/v1/organizations/usage_report/messages</c>) saved as JSON: buckets
/// (<c>starting_at</c>/<c>ending_at</c>, RFC 3339) of results with <c>uncached_input_tokens</c>,
/// <c>cache_read_input_tokens</c>, <c>cache_creation.ephemeral_5m_input_tokens</c> / <c>ephemeral_1h_input_tokens</c>
/// and <c>output_tokens</c>, grouped by API key, workspace, model, service tier and context window. Token types
/// keep the cost report's names, so both reports of a window line up; cache creation counts as input (SEMANTICS §2).
/// </summary>
public static class AnthropicUsageFormat
{
    public const string Name = "anthropic-usage";

    internal static bool Matches(JsonElement? sample) =>
        BucketPages.AnyResult(sample, x => x.TryGetProperty("uncached_input_tokens", out _) && !x.TryGetProperty("amount", out _));

    internal static IEnumerable<ParsedRow<BillingRecord>> Read(JsonInput json, Currency organisationCurrency) =>
        BucketPages.ReadMany(json, (bucket, result, next) => Parse(bucket, result, next, organisationCurrency));

    private static IEnumerable<ParsedRow<BillingRecord>> Parse(JsonElement bucket, JsonElement result, Func<long> next, Currency currency)
    {
        ParsedRow<BillingRecord>[] Bad(string field, string reason) => [ParsedRow<BillingRecord>.Bad(next(), field, reason, result.GetRawText())];

        if (!Timestamps.TryParseUtc(Text(bucket, "starting_at") ?? "", out var start, out var why)) return Bad("starting_at", why);
        if (!Timestamps.TryParseUtc(Text(bucket, "ending_at") ?? "", out var end, out why)) return Bad("ending_at", why);
        if (end <= start) return Bad("ending_at", "the bucket ends before it starts");
        if (!TryTokens(result, "uncached_input_tokens", out var uncached, out why)) return Bad("uncached_input_tokens", why);
        if (!TryTokens(result, "cache_read_input_tokens", out var cacheRead, out why)) return Bad("cache_read_input_tokens", why);
        if (!TryTokens(result, "output_tokens", out var output, out why)) return Bad("output_tokens", why);
        long write5m = 0, write1h = 0;
        if (result.TryGetProperty("cache_creation", out var creation) && creation.ValueKind == JsonValueKind.Object)
        {
            if (!TryTokens(creation, "ephemeral_5m_input_tokens", out write5m, out why)) return Bad("cache_creation.ephemeral_5m_input_tokens", why);
            if (!TryTokens(creation, "ephemeral_1h_input_tokens", out write1h, out why)) return Bad("cache_creation.ephemeral_1h_input_tokens", why);
        }

        var tags = new Dictionary<string, string>();
        foreach (var name in new[] { "api_key_id", "workspace_id", "service_tier", "context_window" })
            if (Text(result, name) is { } value) tags[name] = value;
        if (result.TryGetProperty("server_tool_use", out var tools) && tools.TryGetProperty("web_search_requests", out var searches) && searches.TryGetInt64(out var count))
            tags["web_search_requests"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var model = Text(result, "model");
        return VendorUsageLines.For(next, ProviderSlugs.ForLlm("anthropic"), "Claude API", start, end, model, currency.Code,
            [
                new ReportedTokens("uncached_input_tokens", TokenDirection.Input, uncached),
                new ReportedTokens("cache_creation.ephemeral_5m_input_tokens", TokenDirection.Input, write5m),
                new ReportedTokens("cache_creation.ephemeral_1h_input_tokens", TokenDirection.Input, write1h),
                new ReportedTokens("cache_read_input_tokens", TokenDirection.CachedInput, cacheRead),
                new ReportedTokens("output_tokens", TokenDirection.Output, output),
            ],
            tags, Text(result, "api_key_id"), Text(result, "workspace_id"), Text(result, "service_tier"), Text(result, "context_window"));
    }
}

internal sealed class AnthropicUsageReport : IBillingCsvFormat
{
    public string Name => AnthropicUsageFormat.Name;
    public IReadOnlyList<string> RequiredColumns => [];
    public IngestionKind Kind => IngestionKind.VendorUsage;
    public bool Matches(IngestInput input) => input.Json is { } json && AnthropicUsageFormat.Matches(json.Sample);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => AnthropicUsageFormat.Read(input.Json!, organisationCurrency);
}
