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

    public static readonly string[] Optional = ["cached_input_tokens", "latency_ms", "status", "deployment", "gpu_seconds", "service_tier", "trace_id", "workflow"];

    private static readonly IReadOnlySet<string> Known = new HashSet<string>(Required.Concat(Optional), StringComparer.OrdinalIgnoreCase);

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<UsageRecord>> Read(CsvTable csv, string source, TimeZoneInfo? sourceZone)
    {
        var columns = new Columns(csv);
        var hasExtras = csv.Headers.Any(h => !Known.Contains(h));
        while (csv.Read())
            yield return csv.MalformedRow<UsageRecord>() ?? ParseRow(csv, columns, hasExtras, source, sourceZone);
    }

    /// <summary>Column positions, looked up once per file rather than once per field of every row.</summary>
    private sealed class Columns(CsvTable csv)
    {
        public readonly int RequestId = csv.Column("request_id"), OccurredAt = csv.Column("occurred_at"), Tenant = csv.Column("tenant"),
            Feature = csv.Column("feature"), Provider = csv.Column("provider"), Model = csv.Column("model"),
            Input = csv.Column("input_tokens"), Output = csv.Column("output_tokens"), Cached = csv.Column("cached_input_tokens"),
            Latency = csv.Column("latency_ms"), Status = csv.Column("status"), Deployment = csv.Column("deployment"),
            GpuSeconds = csv.Column("gpu_seconds"), ServiceTier = csv.Column("service_tier"),
            TraceId = csv.Column("trace_id"), Workflow = csv.Column("workflow");
    }

    private static ParsedRow<UsageRecord> ParseRow(CsvTable csv, Columns c, bool hasExtras, string source, TimeZoneInfo? sourceZone)
    {
        var line = csv.Line;
        ParsedRow<UsageRecord> Bad(string column, string reason) => ParsedRow<UsageRecord>.Bad(line, column, reason, csv.RawText);

        var requestId = csv.Get(c.RequestId);
        if (requestId is null) return Bad("request_id", "a request id is required");
        if (requestId.Length > 200) return Bad("request_id", "a request id is longer than 200 characters");
        if (!Timestamps.TryParseUsage(csv.Get(c.OccurredAt) ?? "", sourceZone, out var occurredAt, out var why)) return Bad("occurred_at", why);
        if (!Slug.TryParse(csv.Get(c.Tenant), out var tenant, out why)) return Bad("tenant", why);
        if (!Slug.TryParse(csv.Get(c.Feature), out var feature, out why)) return Bad("feature", why);
        var provider = csv.Get(c.Provider);
        if (provider is null) return Bad("provider", "a provider is required");
        var model = csv.Get(c.Model);
        if (model is null) return Bad("model", "a model is required");
        if (!Fields.TryTokens(csv.Get(c.Input), out var input, out why)) return Bad("input_tokens", why);
        if (!Fields.TryTokens(csv.Get(c.Output), out var output, out why)) return Bad("output_tokens", why);
        var cached = 0L;
        if (csv.Get(c.Cached) is { } cachedText && !Fields.TryTokens(cachedText, out cached, out why)) return Bad("cached_input_tokens", why);
        if (cached > input) return Bad("cached_input_tokens", $"{cached} cached tokens exceed the {input} input tokens they are part of");

        int? latency = null;
        if (csv.Get(c.Latency) is { } latencyText)
        {
            if (!int.TryParse(latencyText, out var ms) || ms < 0) return Bad("latency_ms", $"'{latencyText}' is not a non-negative whole number of milliseconds");
            latency = ms;
        }
        decimal? gpuSeconds = null;
        if (csv.Get(c.GpuSeconds) is { } gpuText)
        {
            if (!Fields.TryDecimal(gpuText, out var gpu, out why)) return Bad("gpu_seconds", why);
            if (gpu < 0m) return Bad("gpu_seconds", $"{gpuText} GPU-seconds is negative");
            gpuSeconds = gpu;
        }

        var traceId = csv.Get(c.TraceId);
        if (traceId is { Length: > UsageRecord.MaxTraceIdLength }) return Bad("trace_id", $"a trace id is longer than {UsageRecord.MaxTraceIdLength} characters");
        var workflow = csv.Get(c.Workflow);
        if (workflow is { Length: > UsageRecord.MaxWorkflowLength }) return Bad("workflow", $"a workflow name is longer than {UsageRecord.MaxWorkflowLength} characters");
        if (workflow is not null && traceId is null) return Bad("workflow", "a workflow names the kind of a trace: give the row's trace_id too");

        return ParsedRow<UsageRecord>.Good(line, new UsageRecord(
            source, requestId, occurredAt, tenant.Value, feature.Value, ProviderSlugs.ForLlm(provider), model,
            input, cached, output, latency, csv.Get(c.Status), csv.Get(c.ServiceTier)?.ToLowerInvariant(), csv.Get(c.Deployment),
            gpuSeconds, hasExtras ? Fields.TagsJson(csv.Extras(Known)) : null, traceId, workflow), "");
    }
}
