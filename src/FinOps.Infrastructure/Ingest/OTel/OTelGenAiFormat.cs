using System.Globalization;
using System.Text.Json;
using FinOps.Domain.Ingest;
using FinOps.Domain.Tenancy;
using FinOps.Infrastructure.Ingest.Csv;
using FinOps.Infrastructure.Ingest.Json;
using FinOps.Infrastructure.Ingest.Usage;

namespace FinOps.Infrastructure.Ingest.OTel;

/// <summary>
/// OpenTelemetry GenAI spans (semantic conventions v1.41) as OTLP/JSON (<c>resourceSpans → scopeSpans → spans</c>)
/// or as JSON lines (one OTLP export, or one flat span with an <c>attributes</c> object, per line). Spans without
/// GenAI token usage (HTTP, database…) are not requests and are skipped. Input tokens include cached ones, as the
/// conventions define; the deprecated <c>prompt_tokens</c>/<c>completion_tokens</c> are accepted. Tenant and feature
/// come from attributes, tried in order: <c>--tenant-from</c> (default <c>finops.tenant,tenant.id</c>) and
/// <c>--feature-from</c> (default <c>finops.feature,feature.name,gen_ai.agent.name</c>).
/// </summary>
public static class OTelGenAiFormat
{
    public const string Name = "otel";
    public const string DefaultTenantFrom = "finops.tenant,tenant.id";
    public const string DefaultFeatureFrom = "finops.feature,feature.name,gen_ai.agent.name";

    internal static bool Matches(JsonElement? sample) =>
        sample is { ValueKind: JsonValueKind.Object } s
        && (s.TryGetProperty("resourceSpans", out _)
            || s.TryGetProperty("attributes", out var attributes) && Attributes(attributes).Keys.Any(k => k.StartsWith("gen_ai.", StringComparison.Ordinal)));

    internal static IEnumerable<ParsedRow<UsageRecord>> Read(JsonInput json, string source, string? tenantFrom, string? featureFrom)
    {
        var tenantPlaces = (tenantFrom ?? DefaultTenantFrom).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var featurePlaces = (featureFrom ?? DefaultFeatureFrom).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var record in json.Records())
        {
            if (record.Element is not { } element)
            {
                yield return ParsedRow<UsageRecord>.Bad(record.Line, null, record.Error!, record.Raw);
                continue;
            }
            foreach (var span in Spans(element))
                if (ParseSpan(span, record, source, tenantPlaces, featurePlaces) is { } row) yield return row;
        }
    }

    private static IEnumerable<JsonElement> Spans(JsonElement element)
    {
        if (!element.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            yield return element;
            yield break;
        }
        foreach (var resource in resourceSpans.EnumerateArray())
        {
            if (!resource.TryGetProperty("scopeSpans", out var scopes)) continue;
            foreach (var scope in scopes.EnumerateArray())
                if (scope.TryGetProperty("spans", out var spans))
                    foreach (var span in spans.EnumerateArray()) yield return span;
        }
    }

    private static ParsedRow<UsageRecord>? ParseSpan(JsonElement span, JsonRecord record, string source, string[] tenantPlaces, string[] featurePlaces)
    {
        var attributes = span.TryGetProperty("attributes", out var list) ? Attributes(list) : [];
        var input = attributes.GetValueOrDefault("gen_ai.usage.input_tokens") ?? attributes.GetValueOrDefault("gen_ai.usage.prompt_tokens");
        var output = attributes.GetValueOrDefault("gen_ai.usage.output_tokens") ?? attributes.GetValueOrDefault("gen_ai.usage.completion_tokens");
        if (input is null && output is null) return null; // not an LLM request
        var raw = record.Raw.Length > 0 ? record.Raw : span.GetRawText();
        ParsedRow<UsageRecord> Bad(string column, string reason) => ParsedRow<UsageRecord>.Bad(record.Line, column, reason, raw);

        var requestId = attributes.GetValueOrDefault("gen_ai.response.id") ?? Text(span, "spanId") ?? Text(span, "span_id");
        if (requestId is null) return Bad("gen_ai.response.id", "a response id or span id is required");
        if (!TryStart(span, out var occurredAt, out var why)) return Bad("startTimeUnixNano", why);
        if (!Fields.TryTokens(input, out var inputTokens, out why)) return Bad("gen_ai.usage.input_tokens", why);
        if (!Fields.TryTokens(output, out var outputTokens, out why)) return Bad("gen_ai.usage.output_tokens", why);
        var cached = 0L;
        if (attributes.GetValueOrDefault("gen_ai.usage.cache_read.input_tokens") is { } cachedText && !Fields.TryTokens(cachedText, out cached, out why))
            return Bad("gen_ai.usage.cache_read.input_tokens", why);
        if (cached > inputTokens) return Bad("gen_ai.usage.cache_read.input_tokens", $"{cached} cached tokens exceed the {inputTokens} input tokens");
        var model = attributes.GetValueOrDefault("gen_ai.response.model") ?? attributes.GetValueOrDefault("gen_ai.request.model");
        if (model is null) return Bad("gen_ai.request.model", "a model is required");
        var provider = attributes.GetValueOrDefault("gen_ai.provider.name") ?? attributes.GetValueOrDefault("gen_ai.system");
        if (provider is null) return Bad("gen_ai.provider.name", "a provider is required (gen_ai.provider.name or gen_ai.system)");
        var tenantText = tenantPlaces.Select(attributes.GetValueOrDefault).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (tenantText is null) return Bad(tenantPlaces[0], $"no tenant in {string.Join(", ", tenantPlaces)} (map it with --tenant-from)");
        if (!Slug.TryParse(tenantText, out var tenant, out why)) return Bad(tenantPlaces[0], why);
        var featureText = featurePlaces.Select(attributes.GetValueOrDefault).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (featureText is null) return Bad(featurePlaces[0], $"no feature in {string.Join(", ", featurePlaces)} (map it with --feature-from)");
        if (!Slug.TryParse(featureText, out var feature, out why)) return Bad(featurePlaces[0], why);

        int? latency = TryEnd(span, out var ended) && ended >= occurredAt ? (int)Math.Min(int.MaxValue, (ended - occurredAt).TotalMilliseconds) : null;
        // The span's trace is the workflow execution (an agent run); its kind is ours or the GenAI agent's name.
        var traceId = Text(span, "traceId") ?? Text(span, "trace_id");
        if (traceId is { Length: > UsageRecord.MaxTraceIdLength }) return Bad("traceId", $"a trace id is longer than {UsageRecord.MaxTraceIdLength} characters");
        var workflow = attributes.GetValueOrDefault("finops.workflow") ?? attributes.GetValueOrDefault("gen_ai.agent.name");
        if (workflow is { Length: > UsageRecord.MaxWorkflowLength }) return Bad("finops.workflow", $"a workflow name is longer than {UsageRecord.MaxWorkflowLength} characters");
        return ParsedRow<UsageRecord>.Good(record.Line, new UsageRecord(
            source, requestId, occurredAt, tenant.Value, feature.Value, ProviderSlugs.ForLlm(provider), model, inputTokens, cached, outputTokens,
            latency, attributes.GetValueOrDefault("error.type") is null ? "ok" : "error", attributes.GetValueOrDefault("openai.response.service_tier"),
            // The deployment a request ran on (a PTU, a self-hosted pool): no GenAI convention names it, so the gateway sets ours.
            attributes.GetValueOrDefault("finops.deployment"), null, null, string.IsNullOrWhiteSpace(traceId) ? null : traceId,
            string.IsNullOrWhiteSpace(workflow) ? null : workflow), "");
    }

    /// <summary>OTLP's <c>[{key, value: {stringValue|intValue|doubleValue|boolValue}}]</c>, or a plain object.</summary>
    private static Dictionary<string, string?> Attributes(JsonElement attributes)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (attributes.ValueKind == JsonValueKind.Array)
        {
            foreach (var attribute in attributes.EnumerateArray())
            {
                if (!attribute.TryGetProperty("key", out var key) || !attribute.TryGetProperty("value", out var value)) continue;
                var text = value.ValueKind == JsonValueKind.Object
                    ? value.EnumerateObject().Select(p => Scalar(p.Value)).FirstOrDefault()
                    : Scalar(value);
                result[key.GetString()!] = text;
            }
        }
        else if (attributes.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in attributes.EnumerateObject()) result[property.Name] = Scalar(property.Value);
        }
        return result;
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? Scalar(value) : null;

    private static bool TryStart(JsonElement span, out DateTimeOffset start, out string reason)
    {
        if ((Text(span, "startTimeUnixNano") ?? Text(span, "start_time_unix_nano")) is { } nanos)
            return TryNanos(nanos, out start, out reason);
        return Timestamps.TryParseUsage(Text(span, "start_time") ?? Text(span, "timestamp") ?? "", null, out start, out reason);
    }

    private static bool TryEnd(JsonElement span, out DateTimeOffset end)
    {
        end = default;
        return (Text(span, "endTimeUnixNano") ?? Text(span, "end_time_unix_nano")) is { } nanos && TryNanos(nanos, out end, out _);
    }

    private static bool TryNanos(string text, out DateTimeOffset instant, out string reason)
    {
        instant = default;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var nanos) || nanos <= 0)
        {
            reason = $"'{text}' is not a time in Unix nanoseconds";
            return false;
        }
        instant = DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);
        reason = "";
        return true;
    }
}

internal sealed class OTelUsage : IUsageCsvFormat
{
    public string Name => OTelGenAiFormat.Name;
    public IReadOnlyList<string> RequiredColumns => [];
    public bool Matches(IngestInput input) => input.Json is { } json && OTelGenAiFormat.Matches(json.Sample);
    public IEnumerable<ParsedRow<UsageRecord>> Read(IngestInput input, StageContext context) =>
        OTelGenAiFormat.Read(input.Json!, context.Source, context.TenantFrom, context.FeatureFrom);
}
