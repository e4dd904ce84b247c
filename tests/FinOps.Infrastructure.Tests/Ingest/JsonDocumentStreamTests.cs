using System.Text;
using System.Text.Json;
using FinOps.Infrastructure.Ingest.Json;

namespace FinOps.Infrastructure.Tests.Ingest;

public class JsonDocumentStreamTests
{
    /// <summary>An admin-API page on one line (as vendors write them) with <paramref name="buckets"/> buckets of 50 results.</summary>
    private static byte[] Page(int buckets)
    {
        var text = new StringBuilder("{\"object\":\"page\",\"data\":[");
        for (var b = 0; b < buckets; b++)
        {
            if (b > 0) text.Append(',');
            text.Append($"{{\"object\":\"bucket\",\"start_time\":{1790812800 + b * 86400},\"results\":[");
            for (var r = 0; r < 50; r++)
                text.Append(r > 0 ? "," : "").Append($"{{\"object\":\"organization.costs.result\",\"amount\":{{\"value\":{r}.5,\"currency\":\"usd\"}},\"project_id\":\"p{b}-{r}\"}}");
            text.Append("]}");
        }
        return Encoding.UTF8.GetBytes(text.Append("],\"has_more\":false,\"next_page\":null}").ToString());
    }

    [Fact]
    public void A_page_is_read_one_record_at_a_time_long_before_the_file_has_been_read()
    {
        var bytes = Page(4000);
        using var stream = new MemoryStream(bytes);
        long positionAtFirst = -1;
        var count = 0;

        foreach (var page in JsonDocumentStream.Pages(stream, "data"))
        {
            if (count == 0) positionAtFirst = stream.Position;
            var bucket = page.GetProperty("data")[0];
            Assert.Equal(1790812800 + count * 86400L, bucket.GetProperty("start_time").GetInt64());
            Assert.Equal(50, bucket.GetProperty("results").GetArrayLength());
            count++;
        }

        Assert.Equal(4000, count);
        Assert.True(bytes.Length > 10_000_000, $"{bytes.Length} bytes");
        Assert.True(positionAtFirst < bytes.Length / 50, $"the first record came after reading {positionAtFirst:N0} of {bytes.Length:N0} bytes");
    }

    [Fact]
    public void The_survey_finds_the_record_array_and_names_a_truncated_or_too_deep_document()
    {
        var bytes = Page(3);

        Assert.Equal(new JsonDocumentStream.Survey(null, true, "data"), JsonDocumentStream.Inspect(new MemoryStream(bytes)));
        Assert.StartsWith("the file is not valid JSON (", JsonDocumentStream.Inspect(new MemoryStream(bytes[..^40])).Problem);
        Assert.Contains("depth of 64", JsonDocumentStream.Inspect(new MemoryStream(Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000)))).Problem);
        Assert.Null(JsonDocumentStream.Inspect(new MemoryStream("{\"attributes\":[]}"u8.ToArray())).RecordArray);
    }

    [Fact]
    public async Task A_document_written_on_one_long_line_is_not_taken_for_json_lines()
    {
        using var stream = new MemoryStream(Page(2000));

        using var input = await JsonInput.OpenAsync(stream, CancellationToken.None);

        Assert.Null(input.Problem);
        Assert.Equal(2000, input.Records().Count());
        Assert.Equal(JsonValueKind.Array, input.Sample!.Value.GetProperty("data").ValueKind);
    }
}
