using System.Text;
using FinOps.Infrastructure.Ingest.Json;
using FinOps.Infrastructure.Ingest.OTel;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class OTelFormatTests
{
    private static async Task<(JsonInput Input, List<FinOps.Domain.Ingest.ParsedRow<FinOps.Domain.Ingest.UsageRecord>> Rows)> ReadAsync(Stream stream)
    {
        var input = await JsonInput.OpenAsync(stream, default);
        Assert.Null(input.Problem);
        Assert.True(OTelGenAiFormat.Matches(input.Sample));
        return (input, OTelGenAiFormat.Read(input, "otel", null, null).ToList());
    }

    [Fact]
    public async Task An_OTLP_export_yields_its_GenAI_spans_and_skips_the_others()
    {
        await using var stream = File.OpenRead(TestFiles.OTelOtlpJson);
        var (input, rows) = await ReadAsync(stream);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Problem));
        var first = rows[0].Record!;
        Assert.Equal(("chatcmpl-otel-1", "acme-retail", "support-chat", "openai", "gpt-4o-2024-08-06"), (first.RequestId, first.Tenant, first.Feature, first.Provider, first.Model));
        Assert.Equal((1200L, 1000L, 150L, 1250), (first.InputTokens, first.CachedInputTokens, first.OutputTokens, first.LatencyMs));
        Assert.Equal(DateTimeOffset.Parse("2026-10-05T09:00:00Z"), first.OccurredAt);
        // The span's trace is the workflow execution it was one call of.
        Assert.Equal("5b8efff798038103d269b633813fc60c", first.TraceId);
        var second = rows[1].Record!;
        Assert.Equal(("fff19b7ec3c1b176", "globex-bank", "doc-summarizer", "anthropic", 900L, 90L),
            (second.RequestId, second.Tenant, second.Feature, second.Provider, second.InputTokens, second.OutputTokens));
        input.Dispose();
    }

    [Fact]
    public async Task JSON_lines_read_line_by_line_and_a_truncated_line_is_a_bad_row()
    {
        await using var stream = File.OpenRead(TestFiles.OTelJsonLines);
        var (input, rows) = await ReadAsync(stream);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["aws-bedrock", "azure-openai"], rows.Take(2).Select(r => r.Record!.Provider));
        Assert.Equal(3, rows[2].Problem!.Line);
        Assert.Contains("not valid JSON", rows[2].Problem!.Reason);
        input.Dispose();
    }

    [Fact]
    public async Task A_truncated_document_is_a_structural_problem_of_the_file()
    {
        var text = File.ReadAllText(TestFiles.OTelOtlpJson);
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));

        using var input = await JsonInput.OpenAsync(stream, default);

        Assert.Contains("not valid JSON", input.Problem);
    }

    [Theory]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00Z\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":-1,\"gen_ai.usage.output_tokens\":1,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "gen_ai.usage.input_tokens", "-1 tokens is negative")]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00Z\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.usage.input_tokens\":1,\"gen_ai.usage.output_tokens\":1,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "gen_ai.request.model", "a model is required")]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00Z\",\"attributes\":{\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":1,\"gen_ai.usage.output_tokens\":1,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "gen_ai.provider.name", "a provider is required")]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00Z\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":1,\"gen_ai.usage.output_tokens\":1,\"finops.feature\":\"b\"}}", "finops.tenant", "no tenant in finops.tenant, tenant.id")]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":1,\"gen_ai.usage.output_tokens\":1,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "startTimeUnixNano", "has no UTC offset")]
    [InlineData("{\"span_id\":\"x\",\"startTimeUnixNano\":\"soon\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":1,\"gen_ai.usage.output_tokens\":1,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "startTimeUnixNano", "is not a time in Unix nanoseconds")]
    [InlineData("{\"span_id\":\"x\",\"start_time\":\"2026-10-05T11:00:00Z\",\"attributes\":{\"gen_ai.provider.name\":\"openai\",\"gen_ai.request.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":5,\"gen_ai.usage.output_tokens\":1,\"gen_ai.usage.cache_read.input_tokens\":6,\"finops.tenant\":\"a\",\"finops.feature\":\"b\"}}", "gen_ai.usage.cache_read.input_tokens", "6 cached tokens exceed the 5 input tokens")]
    public async Task Malformed_spans_name_their_attribute_and_reason(string line, string column, string reason)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line + "\n"));
        using var input = await JsonInput.OpenAsync(stream, default);

        var parsed = OTelGenAiFormat.Read(input, "otel", null, null).Single();

        Assert.Equal(column, parsed.Problem!.Column);
        Assert.Contains(reason, parsed.Problem.Reason);
    }
}
