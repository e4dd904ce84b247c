using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

public class VendorBillingIngestTests : IngestTestBase
{
    [Fact]
    public async Task A_bedrock_CUR_is_detected_and_resolves_models_through_the_seeded_catalog()
    {
        var outcome = await IngestAsync(TestFiles.AwsCurBedrock);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal("aws-cur", outcome.Format);
        Assert.Equal(7L, outcome.RowsStored);
        Assert.Equal(15.6027m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(3_700_000m, await Database.ScalarAsync<decimal>(
            "select sum(quantity) from billing_lines l join providers p on p.id = l.provider_id where p.slug = 'aws-bedrock' and token_direction <> 'None'"));
        Assert.Equal(5L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'claude-3-sonnet'"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is null"));
    }

    [Fact]
    public async Task An_azure_cost_export_is_detected_and_resolves_meter_names_through_the_seeded_catalog()
    {
        var outcome = await IngestAsync(TestFiles.AzureCostOpenAi);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal("azure-cost", outcome.Format);
        Assert.Equal(9.9343m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(2_000_000m, await Database.ScalarAsync<decimal>("select quantity from billing_lines where token_direction = 'Input'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is null"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), await Database.ScalarAsync<DateTime>("select max(billing_period_end) from billing_lines"));
    }

    [Fact]
    public async Task The_openai_cost_csv_is_detected_and_resolves_dated_snapshots_each_to_its_own_model()
    {
        var outcome = await IngestAsync(TestFiles.OpenAiCosts);

        Assert.Equal("openai-costs-csv", outcome.Format);
        Assert.Equal(4L, outcome.RowsStored);
        Assert.Equal(2.3125m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(3L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o-mini'"));
    }

    [Fact]
    public async Task LiteLLM_spend_logs_go_in_as_usage_resolved_through_the_catalog()
    {
        var outcome = await IngestAsync(TestFiles.LiteLlmSpendLogs);

        Assert.Equal("litellm", outcome.Format);
        Assert.Equal(3L, outcome.RowsStored);
        Assert.Equal(2600L, await Database.ScalarAsync<long>("select sum(input_tokens) from token_usage where source = 'litellm'"));
        Assert.Equal(400L, await Database.ScalarAsync<long>("select sum(cached_input_tokens) from usage_hourly"));
        Assert.Equal("claude-3-sonnet", await Database.ScalarAsync<string>(
            "select m.name from token_usage u join models m on m.id = u.model_id where u.request_id = 'chatcmpl-002'"));
    }

    [Fact]
    public async Task OpenTelemetry_spans_go_in_from_an_OTLP_export_and_from_JSON_lines()
    {
        var otlp = await IngestAsync(TestFiles.OTelOtlpJson);
        var lines = await IngestAsync(TestFiles.OTelJsonLines, source: "otel-lines");

        Assert.Equal(("otel", 2L), (otlp.Format, otlp.RowsStored));
        Assert.Equal(IngestResult.Rejected, lines.Result); // 1 of 3 lines is bad: over the 1 % limit
        Assert.Contains("line 3", lines.Problems.Single().ToString());
        Assert.Equal(2100L, await Database.ScalarAsync<long>("select sum(input_tokens) from token_usage"));
        Assert.Equal("gpt-4o", await Database.ScalarAsync<string>(
            "select m.name from token_usage u join models m on m.id = u.model_id where u.request_id = 'chatcmpl-otel-1'"));
    }

    [Fact]
    public async Task A_truncated_JSON_document_rejects_the_file_with_one_reason()
    {
        var text = await File.ReadAllTextAsync(TestFiles.OTelOtlpJson);

        var outcome = await IngestAsync(WriteFile("truncated.json", text[..(text.Length / 2)]));

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Contains("not valid JSON", outcome.Reason);
    }

    [Fact]
    public async Task The_anthropic_cost_report_goes_in_in_dollars_with_its_model_resolved()
    {
        var outcome = await IngestAsync(TestFiles.AnthropicCostReport);

        Assert.Equal(("anthropic-cost", 5L), (outcome.Format, outcome.RowsStored));
        Assert.Equal(17.17845m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(5L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'claude-sonnet-4'"));
    }

    [Fact]
    public async Task OpenAI_Costs_API_pages_go_in_from_a_document_and_from_one_page_per_line()
    {
        var example = await IngestAsync(TestFiles.OpenAiCostsApiExample);
        var pages = await IngestAsync(TestFiles.OpenAiCostsApiPages);

        Assert.Equal(("openai-costs", 1L), (example.Format, example.RowsStored));
        Assert.Equal(("openai-costs", 3L), (pages.Format, pages.RowsStored));
        Assert.Equal(0.06m + 0.75m + 1.2m + 0.05m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines where superseded_by_file_id is null"));
        Assert.Equal(420_000m, await Database.ScalarAsync<decimal>("select sum(quantity) from billing_lines"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o'"));
    }
}
