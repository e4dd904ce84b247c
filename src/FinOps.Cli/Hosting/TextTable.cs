namespace FinOps.Cli.Hosting;

/// <summary>A table for people on stdout: columns padded to their widest cell, numbers right-aligned.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _numeric = new bool[headers.Length];

    public TextTable Row(params string[] cells)
    {
        _rows.Add(cells);
        for (var i = 0; i < cells.Length && i < _numeric.Length; i++)
            if (cells[i].Length > 0 && (char.IsDigit(cells[i][0]) || cells[i][0] == '-') && decimal.TryParse(cells[i], System.Globalization.CultureInfo.InvariantCulture, out _))
                _numeric[i] = true;
        return this;
    }

    public async Task WriteAsync(TextWriter output)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", widths.Select((w, i) =>
        {
            var cell = i < cells.Count ? cells[i] : "";
            return _numeric[i] ? cell.PadLeft(w) : cell.PadRight(w);
        })).TrimEnd();
        await output.WriteLineAsync(Line(headers));
        foreach (var row in _rows) await output.WriteLineAsync(Line(row));
    }
}
