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
/// Pages of the OpenAI Usage API for completions (<c>/v1/organization/usage/completions</c>) saved as JSON: buckets
/// (Unix seconds, end exclusive) of results with <c>input_tokens</c> (cached included), <c>input_cached_tokens</c>,
/// <c>output_tokens</c> and <c>num_model_requests</c>, grouped by any of project, user, API key, model, batch and
/// service tier. Each result gives an uncached-input line (cache writes count as input, SEMANTICS §2), a
/// cached-input line and an output line.
/// </summary>
public static class OpenAiUsageFormat
{
    public const string Name = "openai-usage";

    internal static bool Matches(JsonElement? sample) =>
        BucketPages.AnyResult(sample, x => x.TryGetProperty("object", out var o) && o.GetString() == "organization.usage.completions.result");

    internal static IEnumerable<ParsedRow<BillingRecord>> Read(JsonInput json, Currency organisationCurrency) =>
        BucketPages.ReadMany(json, (bucket, result, next) => Parse(bucket, result, next, organisationCurrency));

    private static IEnumerable<ParsedRow<BillingRecord>> Parse(JsonElement bucket, JsonElement result, Func<long> next, Currency currency)
    {
        ParsedRow<BillingRecord>[] Bad(string field, string reason) => [ParsedRow<BillingRecord>.Bad(next(), field, reason, result.GetRawText())];

        if (!BucketPages.TryUnix(bucket, "start_time", out var start)) return Bad("start_time", "start_time is not a time in Unix seconds");
        if (!BucketPages.TryUnix(bucket, "end_time", out var end)) return Bad("end_time", "end_time is not a time in Unix seconds");
        if (end <= start) return Bad("end_time", "the bucket ends before it starts");
        if (!result.TryGetProperty("input_tokens", out _) || !result.TryGetProperty("output_tokens", out _))
            return Bad("input_tokens", "a completions usage result needs input_tokens and output_tokens");
        if (!TryTokens(result, "input_tokens", out var input, out var why)) return Bad("input_tokens", why);
        if (!TryTokens(result, "input_cached_tokens", out var cached, out why)) return Bad("input_cached_tokens", why);
        if (!TryTokens(result, "output_tokens", out var output, out why)) return Bad("output_tokens", why);
        if (!TryTokens(result, "num_model_requests", out var requests, out why)) return Bad("num_model_requests", why);
        if (cached > input) return Bad("input_cached_tokens", $"{cached} cached tokens exceed the {input} input tokens they are part of");

        var tags = new Dictionary<string, string> { ["num_model_requests"] = requests.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var name in new[] { "project_id", "user_id", "api_key_id", "service_tier" })
            if (Text(result, name) is { } value) tags[name] = value;
        if (result.TryGetProperty("batch", out var batch) && batch.ValueKind is JsonValueKind.True or JsonValueKind.False)
            tags["batch"] = batch.GetBoolean() ? "true" : "false";
        var model = Text(result, "model");
        return VendorUsageLines.For(next, ProviderSlugs.ForLlm("openai"), "OpenAI API", start, end, model, currency.Code,
            [
                new ReportedTokens("input_uncached_tokens", TokenDirection.Input, input - cached),
                new ReportedTokens("input_cached_tokens", TokenDirection.CachedInput, cached),
                new ReportedTokens("output_tokens", TokenDirection.Output, output),
            ],
            tags, Text(result, "project_id"), Text(result, "user_id"), Text(result, "api_key_id"), tags.GetValueOrDefault("batch"), Text(result, "service_tier"));
    }

}

internal sealed class OpenAiUsageReport : IBillingCsvFormat
{
    public string Name => OpenAiUsageFormat.Name;
    public IReadOnlyList<string> RequiredColumns => [];
    public IngestionKind Kind => IngestionKind.VendorUsage;
    public bool Matches(IngestInput input) => input.Json is { } json && OpenAiUsageFormat.Matches(json.Sample);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => OpenAiUsageFormat.Read(input.Json!, organisationCurrency);
}
