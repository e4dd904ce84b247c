using FinOps.Domain.Ingest;
using FinOps.Domain.Tenancy;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>
/// The canonical token-usage CSV (SEMANTICS §9): one row per LLM request. Header names are case-insensitive in any
/// order; unknown columns are kept as tags.
/// </summary>
public static class UsageCsvFormat
{
    public const string Name = "usage-csv";

    public static readonly string[] Required = ["request_id", "occurred_at", "tenant", "feature", "provider", "model", "input_tokens", "output_tokens"];

    public static readonly string[] Optional = ["cached_input_tokens", "latency_ms", "status", "deployment", "gpu_seconds", "service_tier"];

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(Required.Concat(Optional), StringComparer.OrdinalIgnoreCase);

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<UsageRecord>> Read(CsvTable csv, string source, TimeZoneInfo? sourceZone)
    {
        while (csv.Read())
            yield return ParseRow(csv, source, sourceZone);
    }

    private static ParsedRow<UsageRecord> ParseRow(CsvTable csv, string source, TimeZoneInfo? sourceZone)
    {
        var line = csv.Line;
        ParsedRow<UsageRecord> Bad(string column, string reason) => ParsedRow<UsageRecord>.Bad(line, column, reason, csv.RawText);

        var requestId = csv.Get("request_id");
        if (requestId is null) return Bad("request_id", "a request id is required");
        if (requestId.Length > 200) return Bad("request_id", "a request id is longer than 200 characters");
        if (!Timestamps.TryParseUsage(csv.Get("occurred_at") ?? "", sourceZone, out var occurredAt, out var why)) return Bad("occurred_at", why);
        if (!Slug.TryParse(csv.Get("tenant"), out var tenant, out why)) return Bad("tenant", why);
        if (!Slug.TryParse(csv.Get("feature"), out var feature, out why)) return Bad("feature", why);
        var provider = csv.Get("provider");
        if (provider is null) return Bad("provider", "a provider is required");
        var model = csv.Get("model");
        if (model is null) return Bad("model", "a model is required");
        if (!Fields.TryTokens(csv.Get("input_tokens"), out var input, out why)) return Bad("input_tokens", why);
        if (!Fields.TryTokens(csv.Get("output_tokens"), out var output, out why)) return Bad("output_tokens", why);
        var cached = 0L;
        if (csv.Get("cached_input_tokens") is { } cachedText && !Fields.TryTokens(cachedText, out cached, out why)) return Bad("cached_input_tokens", why);
        if (cached > input) return Bad("cached_input_tokens", $"{cached} cached tokens exceed the {input} input tokens they are part of");

        int? latency = null;
        if (csv.Get("latency_ms") is { } latencyText)
        {
            if (!int.TryParse(latencyText, out var ms) || ms < 0) return Bad("latency_ms", $"'{latencyText}' is not a non-negative whole number of milliseconds");
            latency = ms;
        }
        decimal? gpuSeconds = null;
        if (csv.Get("gpu_seconds") is { } gpuText)
        {
            if (!Fields.TryDecimal(gpuText, out var gpu, out why)) return Bad("gpu_seconds", why);
            if (gpu < 0m) return Bad("gpu_seconds", $"{gpuText} GPU-seconds is negative");
            gpuSeconds = gpu;
        }

        return ParsedRow<UsageRecord>.Good(line, new UsageRecord(
            source, requestId, occurredAt, tenant.Value, feature.Value, ProviderSlugs.Normalize(provider), model,
            input, cached, output, latency, csv.Get("status"), csv.Get("service_tier")?.ToLowerInvariant(), csv.Get("deployment"),
            gpuSeconds, Fields.TagsJson(csv.Extras(Known))), "");
    }
}
