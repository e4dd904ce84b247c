using FinOps.Application.Ingest;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>Values outside their plausible range are quarantined with line, column and reason at ingest: never stored, never a failed file.</summary>
public sealed class ValueBoundsIngestTests : IngestTestBase
{
    [Fact]
    public async Task Rows_dated_9999_with_2_63_tokens_overlong_text_or_NUL_bytes_are_quarantined_and_the_rest_is_stored()
    {
        var bad = new[]
        {
            "b-1,9999-12-31T00:00:00Z,acme-retail,chat,openai,gpt-4o,10,1,0",
            "b-2,0001-01-01T00:00:00Z,acme-retail,chat,openai,gpt-4o,10,1,0",
            "b-3,2026-10-05T00:00:00Z,acme-retail,chat,openai,gpt-4o,9223372036854775807,1,0",
            "b-4,2026-10-05T00:00:00Z,acme-retail,chat,openai,gpt-4o,1000000001,1,0",
            $"{new string('r', 201)},2026-10-05T00:00:00Z,acme-retail,chat,openai,gpt-4o,10,1,0",
            $"b-6,2026-10-05T00:00:00Z,acme-retail,chat,openai,{new string('m', 201)},10,1,0",
            "b-7,2026-10-05T00:00:00Z,acme-retail,chat,openai,gpt\0-4o,10,1,0",
        };
        var path = WriteFile("bounds.csv", UsageCsv(0, 1000) + string.Join('\n', bad) + "\n");

        var outcome = await IngestAsync(path);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal((1007L, 1000L, 7L), (outcome.RowsRead, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal(1000L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        var reasons = await Database.ScalarAsync<string>($"select string_agg(line_number || ':' || column_name || ':' || reason, '|' order by line_number) from quarantined_rows where file_id = {outcome.FileId}");
        Assert.Contains("1002:occurred_at:9999-12-31T00:00:00Z is outside the plausible range 2000-01-01 to ", reasons);
        Assert.Contains("1003:occurred_at:0001-01-01T00:00:00Z is outside the plausible range", reasons);
        Assert.Contains("1004:input_tokens:9,223,372,036,854,775,807 tokens in one request is beyond the limit of 1,000,000,000", reasons);
        Assert.Contains("1005:input_tokens:1,000,000,001 tokens", reasons);
        Assert.Contains("1006:request_id:a request id is longer than 200 characters", reasons);
        Assert.Contains("1007:model:201 characters is longer than the 200 this column holds", reasons);
        Assert.Contains("1008:model:contains a NUL character", reasons);
        // Nothing outside the range reached the tables pages and closes read.
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from usage_hourly where hour < '2000-01-01' or hour > '2100-01-01'"));
    }

    [Fact]
    public async Task An_infra_amount_beyond_a_trillion_is_quarantined_not_stored()
    {
        var rows = string.Concat(Enumerable.Range(1, 150).Select(i => $"pool-{i},power,2026-10-01,2026-11-01,1,kWh,{i},,USD,\n"));
        var path = WriteFile("infra.csv", "pool,category,period_start,period_end,quantity,unit,unit_price,amount,currency,description\n" + rows +
                                          "huge,power,2026-10-01,2026-11-01,1,kWh,1,5000000000000,USD,\n");

        var outcome = await IngestAsync(path);

        Assert.Equal((IngestResult.Stored, 150L, 1L), (outcome.Result, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal("amount", await Database.ScalarAsync<string>($"select column_name from quarantined_rows where file_id = {outcome.FileId}"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from infra_costs where pool = 'huge'"));
    }
}
