using System.Globalization;
using System.Text;
using System.Text.Json;
using FinOps.Infrastructure.Export;

namespace FinOps.Infrastructure.Demo;

/// <summary>
/// The three gateways' logs: the app gateway writes the canonical usage CSV (OpenAI, Bedrock, the vLLM pool), the
/// Azure services emit OpenTelemetry GenAI spans as JSON lines, and the Anthropic traffic goes through LiteLLM.
/// </summary>
internal sealed class DemoLogWriters : IDisposable
{
    public const string UsageFile = "usage-app-gateway.csv";
    public const string OTelFile = "otel-genai-spans.jsonl";
    public const string LiteLlmFile = "litellm-spendlogs.csv";

    private readonly StreamWriter _usage, _otel, _litellm;
    private readonly CsvExport _usageCsv, _litellmCsv;
    public long UsageRows { get; private set; }
    public long OTelRows { get; private set; }
    public long LiteLlmRows { get; private set; }

    public DemoLogWriters(string folder)
    {
        _usage = Open(Path.Combine(folder, UsageFile));
        _otel = Open(Path.Combine(folder, OTelFile));
        _litellm = Open(Path.Combine(folder, LiteLlmFile));
        _usageCsv = CsvExport.To(_usage);
        _usageCsv.Header("request_id", "occurred_at", "tenant", "feature", "provider", "model", "input_tokens", "output_tokens",
            "cached_input_tokens", "latency_ms", "status", "deployment", "gpu_seconds");
        _litellmCsv = CsvExport.To(_litellm);
        _litellmCsv.Header("request_id", "call_type", "api_key", "spend", "total_tokens", "prompt_tokens", "completion_tokens", "startTime",
            "endTime", "request_duration_ms", "model", "model_id", "model_group", "custom_llm_provider", "api_base", "user", "metadata",
            "cache_hit", "cache_key", "request_tags", "team_id", "end_user", "status", "session_id");
    }

    public void Write(DemoRequest request)
    {
        switch (request.Workload.Model.Log)
        {
            case DemoLog.UsageCsv: WriteUsage(request); break;
            case DemoLog.OTel: WriteSpan(request); break;
            case DemoLog.LiteLlm: WriteLiteLlm(request); break;
        }
    }

    private void WriteUsage(DemoRequest r)
    {
        var model = r.Workload.Model;
        _usageCsv.Text($"gw-{r.Number:D8}").Text(Iso(r.OccurredAt)).Text(r.Workload.Tenant).Text(r.Workload.Feature).Text(model.Provider)
            .Text(model.LogName).Number(r.InputTokens).Number(r.OutputTokens).Number(r.CachedInputTokens).Number(r.LatencyMs).Text(r.Status)
            .Text(DemoCatalog.ReservedDeployment(r.Workload) ?? model.Deployment);
        // A request holds the pool's GPUs for its generation time: about one GPU-second per 400 output tokens plus prefill.
        if (model.SelfHosted) _usageCsv.Number(Math.Round((r.InputTokens / 20_000m) + (r.OutputTokens / 400m), 3));
        else _usageCsv.Text(null);
        _usageCsv.EndRow();
        UsageRows++;
    }

    private void WriteSpan(DemoRequest r)
    {
        var span = new
        {
            span_id = $"az{r.Number:x12}",
            trace_id = $"{r.Number:x32}",
            name = $"chat {r.Workload.Model.LogName}",
            start_time = Iso(r.OccurredAt),
            end_time = Iso(r.OccurredAt.AddMilliseconds(r.LatencyMs)),
            attributes = new Dictionary<string, object?>
            {
                ["gen_ai.operation.name"] = "chat",
                ["gen_ai.provider.name"] = "azure.ai.openai",
                ["gen_ai.request.model"] = r.Workload.Model.LogName,
                ["gen_ai.response.model"] = "gpt-4o-2024-08-06",
                ["gen_ai.usage.input_tokens"] = r.InputTokens,
                ["gen_ai.usage.output_tokens"] = r.OutputTokens,
                ["gen_ai.usage.cache_read.input_tokens"] = r.CachedInputTokens,
                ["finops.tenant"] = r.Workload.Tenant,
                ["finops.feature"] = r.Workload.Feature,
                ["finops.deployment"] = DemoCatalog.OnPtu(r.Workload) ? DemoCatalog.PtuDeployment : null,
                ["error.type"] = r.Status == "ok" ? null : "server_error",
            },
        };
        _otel.Write(JsonSerializer.Serialize(span));
        _otel.Write('\n');
        OTelRows++;
    }

    private void WriteLiteLlm(DemoRequest r)
    {
        var model = r.Workload.Model;
        // An agent run's calls carry their trace as Langfuse-style metadata (and LiteLLM's session column).
        var metadata = r.TraceId is null
            ? JsonSerializer.Serialize(new
            {
                tenant = r.Workload.Tenant,
                usage_object = new { prompt_tokens_details = new { cached_tokens = r.CachedInputTokens } },
            })
            : JsonSerializer.Serialize(new
            {
                tenant = r.Workload.Tenant,
                trace_id = r.TraceId,
                trace_name = r.Workflow,
                usage_object = new { prompt_tokens_details = new { cached_tokens = r.CachedInputTokens } },
            });
        var tags = JsonSerializer.Serialize(new[] { $"feature:{r.Workload.Feature}", "env:prod" });
        var spend = model.ListCost(r.UncachedInputTokens, r.CachedInputTokens, r.OutputTokens);
        _litellmCsv.Text($"chatcmpl-{r.Number:D8}").Text("acompletion").Text($"hashed-key-{r.Workload.Tenant}").Number(Math.Round(spend, 8))
            .Number(r.InputTokens + r.OutputTokens).Number(r.InputTokens).Number(r.OutputTokens)
            .Text(r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture))
            .Text(r.OccurredAt.AddMilliseconds(r.LatencyMs).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture))
            .Number(r.LatencyMs).Text(model.LogName).Text($"m-{model.Model}").Text(model.Model).Text("anthropic").Text("https://api.anthropic.com")
            .Text($"svc-{r.Workload.Feature}").Text(metadata).Text("False").Text(null).Text(tags).Text($"team-{r.Workload.Tenant}").Text(null)
            .Text(r.Status == "ok" ? "success" : "failure").Text(r.TraceId);
        _litellmCsv.EndRow();
        LiteLlmRows++;
    }

    internal static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    internal static StreamWriter Open(string path) => new(path, false, new UTF8Encoding(false), 1 << 16);

    public void Dispose()
    {
        _usageCsv.Dispose();
        _litellmCsv.Dispose();
        _usage.Dispose();
        _otel.Dispose();
        _litellm.Dispose();
    }
}
