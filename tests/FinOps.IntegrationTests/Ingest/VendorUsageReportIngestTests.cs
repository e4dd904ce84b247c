using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

public class VendorUsageReportIngestTests : IngestTestBase
{
    [Fact]
    public async Task An_openai_usage_page_stores_vendor_token_counts_with_no_cost_resolved_to_models()
    {
        var outcome = await IngestAsync(TestFiles.OpenAiUsageCompletions);

        Assert.Equal((IngestResult.Stored, "openai-usage", 8L), (outcome.Result, outcome.Format, outcome.RowsStored));
        Assert.Equal("VendorUsage", await Database.ScalarAsync<string>($"select kind from ingestion_files where id = {outcome.FileId}"));
        Assert.Equal(0m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(2_500_000m, await Database.ScalarAsync<decimal>("select sum(quantity) from billing_lines where token_direction in ('Input', 'CachedInput')"));
        Assert.Equal(550_000m, await Database.ScalarAsync<decimal>("select sum(quantity) from billing_lines where token_direction = 'Output'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is null"));
    }

    [Fact]
    public async Task An_anthropic_usage_report_and_cost_report_of_one_period_stand_side_by_side()
    {
        var cost = await IngestAsync(TestFiles.AnthropicCostReport);
        var usage = await IngestAsync(TestFiles.AnthropicUsageReport);

        Assert.Equal((IngestResult.Stored, IngestResult.Stored, 0L), (cost.Result, usage.Result, usage.SupersededLines));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from billing_lines where superseded_by_file_id is not null"));
        Assert.Equal(17.17845m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines where superseded_by_file_id is null"));
        Assert.Equal(1_750_000m, await Database.ScalarAsync<decimal>($"select sum(quantity) from billing_lines where file_id = {usage.FileId}"));
    }

    [Fact]
    public async Task A_newer_usage_report_supersedes_only_the_earlier_usage_report()
    {
        await IngestAsync(TestFiles.AnthropicCostReport);
        var first = await IngestAsync(TestFiles.AnthropicUsageReport);
        var revised = WriteFile("usage-revised.json", File.ReadAllText(TestFiles.AnthropicUsageReport).Replace("\"output_tokens\": 150000", "\"output_tokens\": 160000"));

        var second = await IngestAsync(revised);

        Assert.Equal(7L, second.SupersededLines);
        Assert.Equal("Superseded", await Database.ScalarAsync<string>($"select status from ingestion_files where id = {first.FileId}"));
        Assert.Equal(1_760_000m, await Database.ScalarAsync<decimal>(
            "select sum(quantity) from billing_lines l join ingestion_files f on f.id = l.file_id where f.kind = 'VendorUsage' and l.superseded_by_file_id is null"));
        Assert.Equal(17.17845m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines where superseded_by_file_id is null"));
    }
}
