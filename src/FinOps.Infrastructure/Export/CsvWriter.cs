using System.Globalization;
using FinOps.Domain.Ingest;

namespace FinOps.Infrastructure.Export;

/// <summary>
/// RFC 4180 CSV out: fields quoted when they need it, text cells made spreadsheet-safe, numbers with '.' and no
/// thousands separators (CLI.md). Every CSV FinOps exports is written through it.
/// </summary>
public sealed class CsvWriter(TextWriter output)
{
    private bool _first = true;

    public CsvWriter Text(string? value) => Field(SpreadsheetSafe.Text(value));

    public CsvWriter Number(long value) => Field(value.ToString(CultureInfo.InvariantCulture));

    public CsvWriter Number(decimal value) => Field(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An amount with exactly <paramref name="digits"/> decimals (a currency's minor digits): 790.40, never 790.4.</summary>
    public CsvWriter Money(decimal value, int digits) => Field(decimal.Round(value, digits, MidpointRounding.ToEven).ToString($"F{digits}", CultureInfo.InvariantCulture));

    public void EndRow()
    {
        output.Write("\r\n");
        _first = true;
    }

    public void Header(params string[] names)
    {
        foreach (var name in names) Field(name);
        EndRow();
    }

    private CsvWriter Field(string value)
    {
        if (!_first) output.Write(',');
        _first = false;
        if (value.IndexOfAny([',', '"', '\r', '\n']) >= 0) output.Write('"' + value.Replace("\"", "\"\"") + '"');
        else output.Write(value);
        return this;
    }
}
