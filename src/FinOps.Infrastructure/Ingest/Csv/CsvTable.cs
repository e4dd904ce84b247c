using System.Text;
using CsvHelper;
using FinOps.Domain.Ingest;

namespace FinOps.Infrastructure.Ingest.Csv;

/// <summary>
/// A CSV file read record by record (constant memory) with case-insensitive column lookup, 1-based line numbers
/// for messages, the raw text of the current record for quarantine, and the bytes consumed for progress.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private readonly CsvReader _reader;
    private readonly Dictionary<string, int> _columns;

    private CsvTable(CsvReader reader)
    {
        _reader = reader;
        Headers = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Headers.Count; i++)
            if (!_columns.TryAdd(Headers[i], i) && Headers[i].Length > 0 && DuplicateHeader is null)
                DuplicateHeader = $"the header names column '{Headers[i]}' twice (columns {_columns[Headers[i]] + 1} and {i + 1}): which one holds the data cannot be told";
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Why the header cannot be trusted (a column named twice), or null.</summary>
    public string? DuplicateHeader { get; }

    /// <summary>
    /// The current record as a bad row when its quoting is broken (an unbalanced quote, text after a closing quote)
    /// or it has more fields than the header (a stray separator shifts every value after it), or null: checked before
    /// a format reads any value.
    /// </summary>
    public ParsedRow<T>? MalformedRow<T>() where T : class
    {
        if (_malformed is { } bad && bad.Line == Line && bad.Reason != CsvMalformedReason.StrayQuote)
            return ParsedRow<T>.Bad(Line, null, bad.Reason switch
            {
                CsvMalformedReason.UnterminatedQuote or CsvMalformedReason.LineBreakInQuotes => "an unbalanced quote: a quoted value is never closed on its line",
                CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote (a quote inside a value must be doubled: \"\")",
                _ => $"the row's quoting is malformed ({bad.Reason})",
            }, RawText);
        return _reader.FieldCount > Headers.Count
            ? ParsedRow<T>.Bad(Line, null, $"{_reader.FieldCount} fields where the header has {Headers.Count} (an unquoted separator in a value?)", RawText)
            : null;
    }

    /// <summary>The 1-based line where the current record starts (the header is line 1).</summary>
    public long Line => _reader.LineNumber;

    /// <summary>UTF-8 bytes of the input read so far, for progress.</summary>
    public long BytesRead => _reader.ByteOffset;

    public string RawText => Encoding.UTF8.GetString(_reader.RawRecord);

    /// <summary>The last record CsvHelper reported as badly quoted (its line and why), checked against the current record.</summary>
    private (long Line, CsvMalformedReason Reason)? _malformed;

    /// <param name="allowLineBreaksInQuotes">For small hand-made files whose values hold lines (addresses): a quoted value may span lines.</param>
    public static CsvTable Open(Stream stream, bool allowLineBreaksInQuotes = false)
    {
        CsvTable? table = null;
        var reader = CsvReader.Create(stream, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            // A corrupt quote must not swallow the rest of a file: each line ends its record.
            AllowLineBreaksInQuotes = allowLineBreaksInQuotes,
            // Recovered records are still reported, so a row with unbalanced quotes is named as such.
            OnMalformedRecord = record => { if (table is not null) table._malformed = (record.LineNumber, record.Reason); },
        }, leaveOpen: true);
        return table = new CsvTable(reader);
    }

    public bool Read() => _reader.Read();

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The position of <paramref name="column"/>, or -1 when the file lacks it; look it up once per file in hot loops.</summary>
    public int Column(string column) => _columns.TryGetValue(column, out var index) ? index : -1;

    /// <summary>The trimmed value of <paramref name="column"/>, or null when the column is absent, empty or the literal NULL.</summary>
    public string? Get(string column) => Get(Column(column));

    /// <summary>The trimmed value at <paramref name="index"/> (from <see cref="Column"/>), or null as for <see cref="Get(string)"/>.</summary>
    public string? Get(int index)
    {
        if (index < 0 || index >= _reader.FieldCount) return null;
        var value = _reader.GetString(index).Trim();
        return value.Length == 0 || value.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : value;
    }

    /// <summary>Columns of the file that the format does not know, kept as tags (SEMANTICS §9).</summary>
    public IEnumerable<KeyValuePair<string, string>> Extras(IReadOnlySet<string> known)
    {
        for (var i = 0; i < Headers.Count && i < _reader.FieldCount; i++)
        {
            if (known.Contains(Headers[i])) continue;
            var value = _reader.GetString(i).Trim();
            if (value.Length > 0 && !value.Equals("NULL", StringComparison.OrdinalIgnoreCase))
                yield return new KeyValuePair<string, string>(Headers[i], value);
        }
    }

    public void Dispose() => _reader.Dispose();
}
