using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

public class VendorBillingIngestTests : IngestTestBase
{
    private async Task AliasAsync(string provider, string model, string alias)
    {
        await using var connection = await Database.OpenAsync();
        await using var seed = new Npgsql.NpgsqlCommand($"""
            insert into providers (slug, display_name, billing_day_offset_hours) values ('{provider}', '{provider}', 0) on conflict do nothing;
            insert into models (provider_id, name, display_name, first_seen_in_usage) select id, '{model}', '{model}', false from providers where slug = '{provider}';
            insert into model_aliases (provider_id, alias, model_id)
            select p.id, '{alias}', m.id from providers p join models m on m.provider_id = p.id and m.name = '{model}' where p.slug = '{provider}';
            """, connection);
        await seed.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_bedrock_CUR_is_detected_and_stores_tokens_cost_and_models()
    {
        await AliasAsync("aws-bedrock", "claude-3-sonnet", "claude3sonnet");

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
    public async Task An_azure_cost_export_is_detected_and_stores_tokens_cost_and_models()
    {
        await AliasAsync("azure-openai", "gpt-4o", "gpt-4o");

        var outcome = await IngestAsync(TestFiles.AzureCostOpenAi);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal("azure-cost", outcome.Format);
        Assert.Equal(9.9343m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(2_000_000m, await Database.ScalarAsync<decimal>("select quantity from billing_lines where token_direction = 'Input'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is null"));
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), await Database.ScalarAsync<DateTime>("select max(billing_period_end) from billing_lines"));
    }

    [Fact]
    public async Task The_openai_cost_csv_is_detected_and_resolves_dated_snapshots_to_their_model()
    {
        await AliasAsync("openai", "gpt-4o", "gpt-4o-2024-08-06");

        var outcome = await IngestAsync(TestFiles.OpenAiCosts);

        Assert.Equal("openai-costs-csv", outcome.Format);
        Assert.Equal(4L, outcome.RowsStored);
        Assert.Equal(2.3125m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(3L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is null and model_text like 'gpt-4o-mini%'"));
    }
}
