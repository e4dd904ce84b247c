using FinOps.Infrastructure.Export;

namespace FinOps.Infrastructure.Tests.Ingest;

public class CsvWriterTests
{
    private static string Write(Action<CsvWriter> write)
    {
        var text = new StringWriter();
        write(new CsvWriter(text));
        return text.ToString();
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    public void Text_cells_that_a_spreadsheet_would_run_are_neutralised_and_quoted_when_needed(string value, string expected)
    {
        Assert.Equal(expected + "\r\n", Write(csv => { csv.Text(value); csv.EndRow(); }));
    }

    [Fact]
    public void Numbers_keep_their_sign_a_point_and_no_separators()
    {
        Assert.Equal("-1234.5,42\r\n", Write(csv => { csv.Number(-1234.5m).Number(42); csv.EndRow(); }));
    }
}
