using System.Text;
using System.Text.Json;

namespace FinOps.Infrastructure.Ingest.Json;

/// <summary>One JSON record of a file: its line (JSON lines) or 1 (a document), the element, or why it is not JSON.</summary>
internal readonly record struct JsonRecord(long Line, JsonElement? Element, string? Error, string Raw);

/// <summary>
/// A JSON file: one document (an OTLP export, an API page), or JSON lines — one object per line, read one line at
/// a time so a large log stays in constant memory. A truncated document is a structural problem of the file; a
/// bad line is a bad row.
/// </summary>
internal sealed class JsonInput : IDisposable
{
    private readonly StreamReader? _lines;
    private JsonDocument? _document;
    private readonly Stream? _stream;
    private readonly string? _recordArray;

    private JsonInput(StreamReader? lines, JsonDocument? document, JsonElement? sample, string? problem, Stream? stream = null, string? recordArray = null)
    {
        _lines = lines;
        _document = document;
        Sample = sample;
        Problem = problem;
        _stream = stream;
        _recordArray = recordArray;
    }

    /// <summary>How many of a streamed document's first records make the sample formats are recognised by.</summary>
    private const int SampleRecords = 20;

    /// <summary>The first record, for format detection.</summary>
    public JsonElement? Sample { get; }

    /// <summary>Why the file is not readable JSON at all (a truncated document), or null.</summary>
    public string? Problem { get; }

    public long BytesRead { get; private set; }

    public static async Task<JsonInput> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        // JSON lines hold one record a line; a first "line" longer than that is a document written on one line (a
        // vendor export often is), read below without ever holding it whole.
        var first = await ReadBoundedLineAsync(reader, MaxJsonLineChars, cancellationToken);
        if (first is not null && TryParse(first, out var sample, out _))
        {
            // A complete object on the first line: JSON lines. Start again from the top for the records.
            stream.Position = 0;
            return new JsonInput(new StreamReader(stream, Encoding.UTF8, true, leaveOpen: true), null, sample, null);
        }
        // One document: checked whole in one pass of constant memory; a vendor export's record array is then read
        // element by element, so a 200 MB export never sits in memory (a small document without one is parsed whole).
        stream.Position = 0;
        var survey = JsonDocumentStream.Inspect(stream);
        if (survey.Problem is { } problem) return new JsonInput(null, null, null, problem);
        stream.Position = 0;
        if (survey.RecordArray is { } array)
        {
            // The first records as one page, for format detection.
            var firstRecords = JsonDocumentStream.PageOf(array, JsonDocumentStream.Pages(stream, array).Take(SampleRecords).Select(page => page.GetProperty(array)[0]));
            stream.Position = 0;
            return new JsonInput(null, null, firstRecords, null, stream, array);
        }
        var document = await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = JsonDocumentStream.Options.MaxDepth }, cancellationToken);
        return new JsonInput(null, document, document.RootElement, null);
    }

    /// <summary>Longest line read as one JSON-lines record (1 MiB of text).</summary>
    private const int MaxJsonLineChars = 1 << 20;

    /// <summary>The first line, or null when it is longer than <paramref name="limit"/> characters.</summary>
    private static async Task<string?> ReadBoundedLineAsync(StreamReader reader, int limit, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            var end = Array.IndexOf(buffer, '\n', 0, read);
            line.Append(buffer, 0, end < 0 ? read : end);
            if (line.Length > limit) return null;
            if (end >= 0) break;
        }
        return line.ToString().TrimEnd('\r');
    }


    public IEnumerable<JsonRecord> Records()
    {
        if (_stream is not null && _recordArray is not null)
        {
            _stream.Position = 0;
            foreach (var page in JsonDocumentStream.Pages(_stream, _recordArray))
            {
                BytesRead = _stream.Position;
                yield return new JsonRecord(1, page, null, "");
            }
            yield break;
        }
        if (_document is { } document)
        {
            BytesRead = 0;
            yield return new JsonRecord(1, document.RootElement, null, "");
            yield break;
        }
        long line = 0;
        while (_lines!.ReadLine() is { } text)
        {
            line++;
            BytesRead += Encoding.UTF8.GetByteCount(text) + 1;
            if (string.IsNullOrWhiteSpace(text)) continue;
            yield return TryParse(text, out var element, out var error)
                ? new JsonRecord(line, element, null, text)
                : new JsonRecord(line, null, error, text);
        }
    }

    private static bool TryParse(string text, out JsonElement element, out string error)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(text);
            element = document.RootElement.Clone();
            error = "";
            return element.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({e.Message.Split('.')[0]})";
            return false;
        }
    }

    public void Dispose()
    {
        _lines?.Dispose();
        _document?.Dispose();
        _document = null;
    }
}
