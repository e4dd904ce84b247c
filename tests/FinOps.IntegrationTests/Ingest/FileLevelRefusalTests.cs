using System.IO.Compression;
using System.Text;
using FinOps.Application.Ingest;

namespace FinOps.IntegrationTests.Ingest;

/// <summary>
/// Files that are not what they claim: each refusal names the real cause in one line, stores nothing, and is kept in
/// the ingest history with its reason.
/// </summary>
public sealed class FileLevelRefusalTests : IngestTestBase
{
    private const string Csv = UsageHeader + "\nr-1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0\n";

    private static byte[] Zip()
    {
        var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = new StreamWriter(archive.CreateEntry("usage.csv").Open())) entry.Write(Csv);
        return memory.ToArray();
    }

    private static byte[] Gzip()
    {
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(Csv));
        return memory.ToArray();
    }

    public static TheoryData<string, byte[], string> Cases => new()
    {
        { "zip content named .csv", Zip(), "the file is a ZIP archive (an .xlsx workbook is one too), not CSV or JSON text: unpack it and send the CSV or JSON inside" },
        { "gzip content named .csv", Gzip(), "the file is gzip-compressed, not CSV or JSON text: decompress it (gunzip) and send the text" },
        { "a PDF", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n"u8.ToArray(), "the file is a PDF document, not a CSV or JSON export" },
        { "UTF-16 without a byte order mark", Encoding.Unicode.GetBytes(Csv), "the file looks like UTF-16 text without a byte order mark (every other byte is NUL): save it as UTF-8 and send it again" },
        { "big-endian UTF-16 without a byte order mark", Encoding.BigEndianUnicode.GetBytes(Csv), "the file looks like UTF-16 text without a byte order mark (every other byte is NUL): save it as UTF-8 and send it again" },
        { "whitespace only", "  \r\n\t \n   \n"u8.ToArray(), "the file holds only whitespace: no header row and no records" },
        { "the JSON value null", "null\n"u8.ToArray(), "the file is the bare JSON value 'null', not an export" },
        { "the JSON value true", " true "u8.ToArray(), "the file is the bare JSON value 'true', not an export" },
        { "a column named twice", Encoding.UTF8.GetBytes("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,tenant\nr,2026-10-05T10:00:00Z,a,b,openai,gpt-4o,1,1,c\n"),
            "the header names column 'tenant' twice (columns 3 and 9): which one holds the data cannot be told" },
        { "JSON nested 100,000 levels deep", Encoding.UTF8.GetBytes(new string('[', 100_000) + new string(']', 100_000)), "the file is not valid JSON (The maximum configured depth of 64 has been exceeded" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_file_that_is_not_a_text_export_is_refused_with_its_real_cause(string what, byte[] content, string reason)
    {
        var path = Path.Combine(Folder, "export.csv");
        await File.WriteAllBytesAsync(path, content);

        var outcome = await IngestAsync(path);

        Assert.True(outcome.Result == IngestResult.Rejected, what);
        Assert.StartsWith(reason, outcome.Reason);
        Assert.DoesNotContain("Exception", outcome.Reason);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from token_usage") + await Database.ScalarAsync<long>("select count(*) from billing_lines"));
        Assert.Equal(reason[..20], (await Database.ScalarAsync<string>("select error from ingestion_files order by id desc limit 1"))[..20]);
    }

    [Theory]
    [InlineData("r-x,\"2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0", "an unbalanced quote: a quoted value is never closed on its line")]
    [InlineData("r-x,\"2026-10-05T10:00:00Z\"Z,acme-retail,chat,openai,gpt-4o,100,10,0", "text after a closing quote (a quote inside a value must be doubled: \"\")")]
    public async Task A_row_with_broken_quoting_is_named_as_such_and_the_rest_is_stored(string row, string reason)
    {
        var outcome = await IngestAsync(WriteFile("quotes.csv", UsageCsv(0, 200) + row + "\n" + UsageCsv(200, 100).Split('\n', 2)[1]));

        Assert.Equal((IngestResult.Stored, 300L, 1L), (outcome.Result, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal(reason, await Database.ScalarAsync<string>($"select reason from quarantined_rows where file_id = {outcome.FileId}"));
    }

    [Fact]
    public async Task UTF16_with_a_byte_order_mark_is_read_like_UTF8()
    {
        var path = Path.Combine(Folder, "utf16.csv");
        await File.WriteAllTextAsync(path, UsageCsv(0, 50), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var outcome = await IngestAsync(path);

        Assert.Equal((IngestResult.Stored, 50L), (outcome.Result, outcome.RowsStored));
    }

    [Fact]
    public async Task Ten_thousand_columns_and_a_forty_megabyte_line_end_in_a_clear_answer()
    {
        var wide = string.Join(',', Enumerable.Range(0, 10_000).Select(i => $"extra_{i}"));
        var widePath = WriteFile("wide.csv", UsageHeader + "," + wide + "\n" + "w-1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0" + new string(',', 10_000) + "\n");
        var longPath = WriteFile("long-line.csv", UsageHeader + ",note\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"r-{i},2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0,\n"))
                                                  + "r-big,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0," + new string('x', 40 * 1024 * 1024) + "\n");

        var wideOutcome = await IngestAsync(widePath);
        var longOutcome = await IngestAsync(longPath);

        Assert.Equal((IngestResult.Stored, 1L), (wideOutcome.Result, wideOutcome.RowsStored));
        // The 40 MB note becomes a tag far beyond what a row may carry: that row is quarantined, the others stored.
        Assert.True(longOutcome is { Result: IngestResult.Stored, RowsStored: 200L, Quarantined: 1L },
            $"{longOutcome.Result}: read {longOutcome.RowsRead}, stored {longOutcome.RowsStored}, duplicates {longOutcome.Duplicates}, quarantined {longOutcome.Quarantined}: {string.Join("; ", longOutcome.Problems)}");
        Assert.Equal("tags", await Database.ScalarAsync<string>($"select column_name from quarantined_rows where file_id = {longOutcome.FileId}"));
    }

    [Fact]
    public async Task A_row_with_more_fields_than_the_header_is_a_row_problem_and_the_rest_is_stored()
    {
        var rows = UsageCsv(0, 200) + "r-x,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,100,10,0,surplus,fields\n";

        var outcome = await IngestAsync(WriteFile("extra.csv", rows));

        Assert.Equal((IngestResult.Stored, 200L, 1L), (outcome.Result, outcome.RowsStored, outcome.Quarantined));
        Assert.Equal("11 fields where the header has 9 (an unquoted separator in a value?)",
            await Database.ScalarAsync<string>($"select reason from quarantined_rows where file_id = {outcome.FileId}"));
    }
}
