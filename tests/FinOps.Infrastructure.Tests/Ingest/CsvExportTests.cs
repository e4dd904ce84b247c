using FinOps.Infrastructure.Export;

namespace FinOps.Infrastructure.Tests.Ingest;

public class CsvExportTests
{
    private static async Task<string> WriteAsync(Action<CsvExport> write)
    {
        // Into a stream that refuses synchronous writes, like an ASP.NET Core response body.
        var body = new AsyncOnlyStream();
        await using (var csv = CsvExport.To(body))
        {
            write(csv);
            await csv.EndRowAsync(CancellationToken.None);
        }
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("a,b", "\"a,b\"")]
    public async Task Text_cells_that_a_spreadsheet_would_run_are_neutralised_and_quoted_when_needed(string value, string expected)
    {
        Assert.Equal(expected + ",x\r\n", await WriteAsync(csv => csv.Text(value).Text("x")));
    }

    [Fact]
    public async Task Numbers_keep_their_sign_a_point_and_no_separators_and_are_never_escaped()
    {
        Assert.Equal("-1234.5,42,-12.34,790.40\r\n", await WriteAsync(csv => csv.Number(-1234.5m).Number(42L).Money(-12.344m, 2).Money(790.4m, 2)));
    }

    [Fact]
    public async Task Missing_numbers_are_empty_cells()
    {
        Assert.Equal(",x\r\n", await WriteAsync(csv => csv.Number((decimal?)null).Text("x")));
    }

    /// <summary>Refuses synchronous writes and flushes, as an ASP.NET Core response body does.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _written = new();

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written.Length;
        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
