using System.Globalization;
using FinOps.Application.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Ingest;

public class FocusIngestTests : IngestTestBase
{
    private static string SamplePath => TestFiles.FocusSample;

    private const string Header =
        "BilledCost,EffectiveCost,BillingAccountId,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory," +
        "ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,ServiceCategory,SkuId,SkuMeter,PricingQuantity,PricingUnit";

    private static string OpenAiDay(int day, decimal inputCost, decimal outputCost, string account = "org-finops") =>
        $"{inputCost.ToString(CultureInfo.InvariantCulture)},{inputCost.ToString(CultureInfo.InvariantCulture)},{account},USD,2026-10-01,2026-11-01,Usage," +
        $"2026-10-{day:D2},2026-10-{day + 1:D2},OpenAI,OpenAI API,AI and Machine Learning,gpt-4o-2024-08-06,\"gpt-4o-2024-08-06, input\",0.4,1M Tokens\n" +
        $"{outputCost.ToString(CultureInfo.InvariantCulture)},{outputCost.ToString(CultureInfo.InvariantCulture)},{account},USD,2026-10-01,2026-11-01,Usage," +
        $"2026-10-{day:D2},2026-10-{day + 1:D2},OpenAI,OpenAI API,AI and Machine Learning,gpt-4o-2024-08-06,\"gpt-4o-2024-08-06, output\",0.1,1M Tokens\n";

    [Fact]
    public async Task The_real_FOCUS_sample_is_stored_whole_with_its_exact_cost()
    {
        var expected = File.ReadLines(SamplePath).Skip(1)
            .Select(line => decimal.Parse(line.Split(',')[1], NumberStyles.Float, CultureInfo.InvariantCulture)).Sum();

        var outcome = await IngestAsync(SamplePath);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal("focus", outcome.Format);
        Assert.Equal((1000L, 1000L, 0L), (outcome.RowsRead, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal(expected, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines"));
        Assert.Equal(3L, await Database.ScalarAsync<long>("select count(*) from providers where slug in ('aws', 'azure', 'oracle')"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from billing_lines where model_id is not null"));
    }

    [Fact]
    public async Task AI_lines_resolve_their_model_through_the_seeded_alias_table_and_count_tokens()
    {
        var outcome = await IngestAsync(WriteFile("openai-focus.csv", Header + "\n" + OpenAiDay(5, 1.0m, 1.5m)));

        Assert.Equal(2L, outcome.RowsStored);
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o'"));
        Assert.Equal(400_000m, await Database.ScalarAsync<decimal>("select quantity from billing_lines where token_direction = 'Input'"));
        Assert.Equal(100_000m, await Database.ScalarAsync<decimal>("select quantity from billing_lines where token_direction = 'Output'"));
    }

    [Fact]
    public async Task A_newer_export_of_the_same_billing_period_replaces_the_older_files_lines_as_a_set()
    {
        var first = await IngestAsync(WriteFile("october-to-10th.csv", Header + "\n" + OpenAiDay(5, 1m, 2m) + OpenAiDay(6, 1m, 2m)));
        var otherAccount = await IngestAsync(WriteFile("other-account.csv", Header + "\n" + OpenAiDay(5, 7m, 7m, account: "org-other")));

        var second = await IngestAsync(WriteFile("october-to-20th.csv", Header + "\n" + OpenAiDay(5, 1m, 2m) + OpenAiDay(6, 1.1m, 2m) + OpenAiDay(7, 1m, 2m)));

        Assert.Equal(4L, second.SupersededLines);
        Assert.Equal("Superseded", await Database.ScalarAsync<string>($"select status from ingestion_files where id = {first.FileId}"));
        Assert.Equal(second.FileId, await Database.ScalarAsync<long>($"select superseded_by_file_id from ingestion_files where id = {first.FileId}"));
        Assert.Equal("Stored", await Database.ScalarAsync<string>($"select status from ingestion_files where id = {otherAccount.FileId}"));
        Assert.Equal(9.1m + 14m, await Database.ScalarAsync<decimal>("select sum(billed_cost) from billing_lines where superseded_by_file_id is null"));
        Assert.Equal(4L, await Database.ScalarAsync<long>($"select count(*) from billing_lines where file_id = {first.FileId}"));
    }
}
