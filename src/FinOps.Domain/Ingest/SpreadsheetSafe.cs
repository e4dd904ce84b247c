namespace FinOps.Domain.Ingest;

/// <summary>
/// Text that came from a file (a model name, a description, a raw row) is stored as it was, but a CSV we export
/// must not let a spreadsheet run it: a cell starting with <c>= + - @</c>, tab or carriage return is prefixed with
/// an apostrophe (OWASP's CSV-injection advice). Numbers are written as numbers and never pass through here.
/// </summary>
public static class SpreadsheetSafe
{
    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }
}
