using System.Text.Json;
using FinOps.Domain.Ingest;
using FinOps.Domain.Tenancy;
using FinOps.Infrastructure.Ingest.Csv;
using FinOps.Infrastructure.Ingest.Usage;

namespace FinOps.Infrastructure.Ingest.LiteLlm;

/// <summary>
/// LiteLLM's <c>LiteLLM_SpendLogs</c> table exported as CSV. Timestamps without an offset are UTC (LiteLLM stores
/// UTC) unless <c>--time-zone</c> says otherwise. The tenant and feature are not columns of their own: they are
/// found through a mapping — a comma-separated list of places tried in order: a column (<c>team_id</c>,
/// <c>end_user</c>, <c>user</c>), <c>metadata.KEY</c> (the JSON metadata column) or <c>request_tags.PREFIX</c>
/// (a tag written <c>PREFIX:value</c>). Defaults: tenant <c>metadata.tenant,team_id</c>; feature
/// <c>metadata.feature,request_tags.feature,call_type</c>.
/// </summary>
public static class LiteLlmSpendLogsFormat
{
    public const string Name = "litellm";
    public const string DefaultTenantFrom = "metadata.tenant,team_id";
    public const string DefaultFeatureFrom = "metadata.feature,request_tags.feature,call_type";

    private static readonly string[] TracePlaces = ["metadata.trace_id", "metadata.session_id", "session_id"];
    private static readonly string[] WorkflowPlaces = ["metadata.workflow", "metadata.trace_name"];

    public static readonly string[] Required = ["request_id", "startTime", "model", "prompt_tokens", "completion_tokens"];

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "request_id", "startTime", "endTime", "model", "prompt_tokens", "completion_tokens", "total_tokens", "custom_llm_provider",
        "metadata", "request_tags", "team_id", "end_user", "user", "status", "request_duration_ms", "spend", "api_key", "call_type",
        "completionStartTime", "model_id", "model_group", "api_base", "cache_hit", "cache_key", "organization_id", "session_id",
    };

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase)) && headers.Contains("custom_llm_provider", StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<ParsedRow<UsageRecord>> Read(CsvTable csv, string source, TimeZoneInfo? sourceZone, string? tenantFrom, string? featureFrom)
    {
        var tenantPlaces = (tenantFrom ?? DefaultTenantFrom).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var featurePlaces = (featureFrom ?? DefaultFeatureFrom).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        while (csv.Read()) yield return csv.MalformedRow<UsageRecord>() ?? ParseRow(csv, source, sourceZone ?? TimeZoneInfo.Utc, tenantPlaces, featurePlaces);
    }

    private static ParsedRow<UsageRecord> ParseRow(CsvTable csv, string source, TimeZoneInfo zone, string[] tenantPlaces, string[] featurePlaces)
    {
        var line = csv.Line;
        ParsedRow<UsageRecord> Bad(string column, string reason) => ParsedRow<UsageRecord>.Bad(line, column, reason, csv.RawText);

        var requestId = csv.Get("request_id");
        if (requestId is null) return Bad("request_id", "a request id is required");
        if (!Timestamps.TryParseUsage(csv.Get("startTime") ?? "", zone, out var occurredAt, out var why)) return Bad("startTime", why);
        JsonElement? metadata = null;
        if (csv.Get("metadata") is { } metadataText)
        {
            try { metadata = JsonDocument.Parse(metadataText).RootElement.Clone(); }
            catch (JsonException) { return Bad("metadata", "metadata is not valid JSON"); }
        }
        string[] tags = [];
        if (csv.Get("request_tags") is { } tagsText)
        {
            try { tags = JsonSerializer.Deserialize<string[]>(tagsText) ?? []; }
            catch (JsonException) { return Bad("request_tags", "request_tags is not a JSON array of strings"); }
        }
        var tenantText = Find(csv, metadata, tags, tenantPlaces);
        if (tenantText is null) return Bad("team_id", $"no tenant in {string.Join(", ", tenantPlaces)} (map it with --tenant-from)");
        if (!Slug.TryParse(tenantText, out var tenant, out why)) return Bad("team_id", why);
        var featureText = Find(csv, metadata, tags, featurePlaces);
        if (featureText is null) return Bad("request_tags", $"no feature in {string.Join(", ", featurePlaces)} (map it with --feature-from)");
        if (!Slug.TryParse(featureText, out var feature, out why)) return Bad("request_tags", why);
        if (!Fields.TryTokens(csv.Get("prompt_tokens"), out var input, out why)) return Bad("prompt_tokens", why);
        if (!Fields.TryTokens(csv.Get("completion_tokens"), out var output, out why)) return Bad("completion_tokens", why);
        var cached = CachedTokens(metadata);
        if (cached > input) return Bad("metadata", $"{cached} cached tokens exceed the {input} prompt tokens");

        // LiteLLM writes "bedrock/anthropic.claude-…" or "azure/gpt-4o": the provider prefix is not part of the name.
        var model = csv.Get("model");
        if (model is null) return Bad("model", "a model is required");
        var slash = model.IndexOf('/');
        var providerName = csv.Get("custom_llm_provider") ?? (slash > 0 ? model[..slash] : null);
        if (providerName is null) return Bad("custom_llm_provider", "a provider is required");
        if (slash > 0) model = model[(slash + 1)..];
        int? latency = int.TryParse(csv.Get("request_duration_ms"), out var ms) && ms >= 0 ? ms : null;

        // Langfuse-style metadata names the run: trace_id, else the session; its kind by workflow or trace_name.
        var traceId = Find(csv, metadata, tags, TracePlaces);
        if (traceId is { Length: > UsageRecord.MaxTraceIdLength }) return Bad("metadata", $"a trace id is longer than {UsageRecord.MaxTraceIdLength} characters");
        var workflow = traceId is null ? null : Find(csv, metadata, tags, WorkflowPlaces);
        if (workflow is { Length: > UsageRecord.MaxWorkflowLength }) return Bad("metadata", $"a workflow name is longer than {UsageRecord.MaxWorkflowLength} characters");

        var extras = new Dictionary<string, string>();
        foreach (var column in new[] { "api_key", "end_user", "user", "session_id", "model_group", "spend" })
            if (csv.Get(column) is { } value) extras[column] = value;
        return ParsedRow<UsageRecord>.Good(line, new UsageRecord(
            source, requestId, occurredAt, tenant.Value, feature.Value, ProviderSlugs.ForLlm(providerName), model, input, cached, output,
            latency, csv.Get("status"), null, null, null, extras.Count == 0 ? null : JsonSerializer.Serialize(extras), traceId, workflow), "");
    }

    private static string? Find(CsvTable csv, JsonElement? metadata, string[] tags, string[] places)
    {
        foreach (var place in places)
        {
            string? value = null;
            if (place.StartsWith("metadata.", StringComparison.OrdinalIgnoreCase))
            {
                if (metadata is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty(place["metadata.".Length..], out var v))
                    value = v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString();
            }
            else if (place.StartsWith("request_tags.", StringComparison.OrdinalIgnoreCase))
            {
                var prefix = place["request_tags.".Length..] + ":";
                value = tags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))?[prefix.Length..];
            }
            else value = csv.Get(place);
            if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        }
        return null;
    }

    // OpenAI-style usage LiteLLM keeps in metadata: usage_object.prompt_tokens_details.cached_tokens.
    private static long CachedTokens(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } m
        && m.TryGetProperty("usage_object", out var usage) && usage.ValueKind == JsonValueKind.Object
        && usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty("cached_tokens", out var cached) && cached.TryGetInt64(out var value)
            ? value
            : 0;
}

internal sealed class LiteLlmUsage : IUsageCsvFormat
{
    public string Name => LiteLlmSpendLogsFormat.Name;
    public IReadOnlyList<string> RequiredColumns => LiteLlmSpendLogsFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && LiteLlmSpendLogsFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<UsageRecord>> Read(IngestInput input, StageContext context) =>
        LiteLlmSpendLogsFormat.Read(input.Csv!, context.Source, context.SourceZone, context.TenantFrom, context.FeatureFrom);
}
