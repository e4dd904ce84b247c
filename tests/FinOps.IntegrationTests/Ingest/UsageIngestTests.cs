using System.Text;
using FinOps.Application.Ingest;

namespace FinOps.IntegrationTests.Ingest;

public class UsageIngestTests : IngestTestBase
{
    [Fact]
    public async Task A_usage_file_is_stored_with_counts_sums_and_its_rollup()
    {
        var path = WriteFile("usage.csv", UsageCsv(0, 300));

        var outcome = await IngestAsync(path);

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal((300L, 300L, 0L, 0L, 0L), (outcome.RowsRead, outcome.RowsStored, outcome.Duplicates, outcome.Conflicts, outcome.Quarantined));
        var expectedInput = Enumerable.Range(0, 300).Sum(i => 100L + i % 50);
        Assert.Equal(expectedInput, await Database.ScalarAsync<long>("select sum(input_tokens) from token_usage"));
        Assert.Equal(expectedInput, await Database.ScalarAsync<long>("select sum(input_tokens) from usage_hourly"));
        Assert.Equal(300L, await Database.ScalarAsync<long>("select sum(requests) from usage_hourly"));
        Assert.Equal("Stored", await Database.ScalarAsync<string>($"select status from ingestion_files where id = {outcome.FileId}"));
        Assert.Equal(300L, await Database.ScalarAsync<long>($"select count(*) from token_usage where file_id = {outcome.FileId} and source = 'usage-csv'"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from tenants"));
        // gpt-4o is in the seeded catalog: usage resolves to it instead of creating a model of its own.
        Assert.Equal(300L, await Database.ScalarAsync<long>(
            "select count(*) from token_usage u join models m on m.id = u.model_id join providers p on p.id = m.provider_id where p.slug = 'openai' and m.name = 'gpt-4o' and not m.first_seen_in_usage"));
    }

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_says_so()
    {
        var path = WriteFile("usage.csv", UsageCsv(0, 50));
        var first = await IngestAsync(path);

        var second = await IngestAsync(path);

        Assert.Equal(IngestResult.AlreadyIngested, second.Result);
        Assert.Equal(first.FileId, second.FileId);
        Assert.Contains("nothing to do", second.Reason);
        Assert.Equal(50L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from ingestion_files"));
    }

    [Fact]
    public async Task Overlapping_files_store_each_request_once_and_list_conflicting_copies()
    {
        await IngestAsync(WriteFile("a.csv", UsageCsv(0, 100)));
        // 50 overlap with the first file; one of them (req-60) now claims different tokens.
        var overlapping = UsageCsv(50, 100).Replace("req-60,2026-10-01T07:00:00Z,globex-bank,support-chat,openai,gpt-4o,110,",
                                                   "req-60,2026-10-01T07:00:00Z,globex-bank,support-chat,openai,gpt-4o,999,");
        Assert.Contains(",999,", overlapping);

        var outcome = await IngestAsync(WriteFile("b.csv", overlapping));

        Assert.Equal((100L, 50L, 50L, 1L), (outcome.RowsRead, outcome.RowsStored, outcome.Duplicates, outcome.Conflicts));
        Assert.Equal(150L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(110L, await Database.ScalarAsync<long>("select input_tokens from token_usage where request_id = 'req-60'"));
        var conflict = await Database.ScalarAsync<string>($"select reason from quarantined_rows where file_id = {outcome.FileId} and line_number = 12");
        Assert.Contains("conflict", conflict);
    }

    [Fact]
    public async Task A_request_repeated_inside_one_file_is_stored_once_from_its_first_line()
    {
        var csv = UsageHeader + "\n" +
                  "r1,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,0\n" +
                  "r1,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,10,1,0\n" +
                  "r1,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,77,1,0\n";

        var outcome = await IngestAsync(WriteFile("dup.csv", csv));

        Assert.Equal((1L, 2L, 1L), (outcome.RowsStored, outcome.Duplicates, outcome.Conflicts));
        Assert.Equal(10L, await Database.ScalarAsync<long>("select input_tokens from token_usage"));
    }

    [Fact]
    public async Task The_source_scopes_request_ids()
    {
        var path = WriteFile("usage.csv", UsageCsv(0, 20));
        await IngestAsync(path, source: "gateway-eu");
        var copy = WriteFile("usage-us.csv", UsageCsv(0, 20) + "\n");

        var outcome = await IngestAsync(copy, source: "gateway-us");

        Assert.Equal(20L, outcome.RowsStored);
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(distinct source) from token_usage"));
    }

    [Fact]
    public async Task A_few_bad_rows_are_quarantined_with_line_column_reason_and_raw_text()
    {
        var csv = UsageCsv(0, 199) + "bad-1,2026-10-01T00:00:00Z,acme-retail,support-chat,openai,gpt-4o,-4,1,0\n";

        var outcome = await IngestAsync(WriteFile("usage.csv", csv));

        Assert.Equal(IngestResult.Stored, outcome.Result);
        Assert.Equal((200L, 199L, 1L), (outcome.RowsRead, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal("line 201, column input_tokens: -4 tokens is negative", outcome.Problems.Single().ToString());
        Assert.Equal("bad-1,2026-10-01T00:00:00Z,acme-retail,support-chat,openai,gpt-4o,-4,1,0",
            await Database.ScalarAsync<string>("select raw_text from quarantined_rows where line_number = 201 and column_name = 'input_tokens'"));
    }

    [Fact]
    public async Task One_percent_of_bad_rows_rejects_the_whole_file_and_stores_nothing()
    {
        var csv = UsageCsv(0, 98) + "bad-1,2026-10-01T00:00:00Z,acme,chat,openai,gpt-4o,x,1,0\n" + "bad-2,2026-10-01,acme,chat,openai,gpt-4o,1,1,0\n";

        var outcome = await IngestAsync(WriteFile("usage.csv", csv));

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Contains("2 of 100 rows are bad", outcome.Reason);
        Assert.Equal(2, outcome.Problems.Count);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from usage_hourly"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from tenants"));
        Assert.Equal("Rejected", await Database.ScalarAsync<string>("select status from ingestion_files"));
    }

    [Fact]
    public async Task Timestamps_without_offset_go_in_when_the_zone_is_named()
    {
        var csv = UsageHeader + "\nr1,2026-10-01 02:00:00,acme,chat,openai,gpt-4o,10,1,0\n";

        var outcome = await IngestAsync(WriteFile("local.csv", csv), zone: "Europe/Berlin");

        Assert.Equal(1L, outcome.RowsStored);
        Assert.Equal("2026-10-01 00:00:00", await Database.ScalarAsync<string>("select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') from token_usage"));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("\n\n", "the file holds only whitespace: no header row and no records")]
    [InlineData("when,who,what\n1,2,3\n", "unknown format: no column of the header is one a format FinOps reads requires (the header reads: when, who, what)")]
    [InlineData("request_id,occurred_at,tenant,feature,provider,model,input_tokens\nr,2026-10-01T00:00:00Z,a,b,c,d,1\n",
        "unknown format: the header matches no format FinOps reads (closest: usage-csv, missing output_tokens)")]
    [InlineData(UsageHeader + "\n", "the file has no data rows")]
    public async Task Structural_problems_reject_the_file_with_one_reason(string content, string reason)
    {
        var outcome = await IngestAsync(WriteFile("broken.csv", content));

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from token_usage"));
    }

    [Fact]
    public async Task A_named_format_lists_the_columns_the_file_lacks()
    {
        var outcome = await IngestAsync(WriteFile("x.csv", "request_id,tenant\nr,a\n"), format: "usage-csv");

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Equal("missing required column(s) for usage-csv: occurred_at, feature, provider, model, input_tokens, output_tokens", outcome.Reason);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_rejected_with_a_hint()
    {
        var latin1 = Encoding.Latin1.GetBytes(UsageHeader + "\nr1,2026-10-01T00:00:00Z,caf\u00e9,chat,openai,gpt-4o,1,1,0\n");
        var path = Path.Combine(Folder, "latin1.csv");
        await File.WriteAllBytesAsync(path, latin1);

        var outcome = await IngestAsync(path);

        Assert.Equal(IngestResult.Rejected, outcome.Result);
        Assert.Contains("not UTF-8", outcome.Reason);
    }
}
