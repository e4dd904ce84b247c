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

    private JsonInput(StreamReader? lines, JsonDocument? document, JsonElement? sample, string? problem)
    {
        _lines = lines;
        _document = document;
        Sample = sample;
        Problem = problem;
    }

    /// <summary>The first record, for format detection.</summary>
    public JsonElement? Sample { get; }

    /// <summary>Why the file is not readable JSON at all (a truncated document), or null.</summary>
    public string? Problem { get; }

    public long BytesRead { get; private set; }

    public static async Task<JsonInput> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var first = await reader.ReadLineAsync(cancellationToken) ?? "";
        if (TryParse(first, out var sample, out _))
        {
            // A complete object on the first line: JSON lines. Start again from the top for the records.
            stream.Position = 0;
            return new JsonInput(new StreamReader(stream, Encoding.UTF8, true, leaveOpen: true), null, sample, null);
        }
        stream.Position = 0;
        try
        {
            var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            return new JsonInput(null, document, document.RootElement, null);
        }
        catch (JsonException e)
        {
            return new JsonInput(null, null, null, $"the file is not valid JSON ({e.Message.Split('.')[0]}; line {e.LineNumber + 1})");
        }
    }

    public IEnumerable<JsonRecord> Records()
    {
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
