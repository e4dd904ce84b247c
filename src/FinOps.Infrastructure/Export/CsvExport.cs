using System.Globalization;
using CsvHelper;

namespace FinOps.Infrastructure.Export;

/// <summary>
/// Every CSV FinOps writes, through CsvHelper: RFC 4180 quoting, numbers with '.' and no thousands separators, and
/// CsvHelper's own formula-injection escaping — which applies to text only, so a negative amount stays <c>-12.34</c>
/// (CLI.md). Rows end asynchronously, so a response body is written as it fills (constant memory, no synchronous
/// write on an HTTP stream).
/// </summary>
public sealed class CsvExport : IAsyncDisposable, IDisposable
{
    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly CsvWriter _csv;

    private CsvExport(CsvWriter csv) => _csv = csv;

    /// <summary>UTF-8 (no BOM) into a stream, left open: an HTTP response body or a file.</summary>
    public static CsvExport To(Stream output) => new(CsvWriter.Create(output, Options, leaveOpen: true));

    /// <summary>Into a text writer, left open (the CLI's standard output).</summary>
    public static CsvExport To(TextWriter output) => new(CsvWriter.Create(output, Options, leaveOpen: true));

    public CsvExport Text(string? value)
    {
        _csv.WriteField(value ?? "");
        return this;
    }

    public CsvExport Number(long value)
    {
        _csv.WriteField(value, default);
        return this;
    }

    public CsvExport Number(decimal value)
    {
        _csv.WriteField(value, default);
        return this;
    }

    public CsvExport Number(long? value) => value is { } v ? Number(v) : Text(null);

    public CsvExport Number(decimal? value) => value is { } v ? Number(v) : Text(null);

    /// <summary>An amount with exactly <paramref name="digits"/> decimals (a currency's minor digits): 790.40, never 790.4.</summary>
    public CsvExport Money(decimal value, int digits)
    {
        _csv.WriteField(decimal.Round(value, digits, MidpointRounding.ToEven), $"F{digits}");
        return this;
    }

    /// <summary>Money where there may be none (a forecast not made yet): an empty cell, never a made-up zero.</summary>
    public CsvExport Money(decimal? value, int digits) => value is { } v ? Money(v, digits) : Text(null);

    /// <summary>An instant as ISO-8601 UTC (<c>2026-10-01T00:00:00Z</c>).</summary>
    public CsvExport Instant(DateTimeOffset value) => Text(value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    public CsvExport Day(DateOnly value) => Text(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public void Header(params string[] names) => _csv.WriteHeader(names);

    /// <summary>Ends a row; the buffer goes out asynchronously when it is mostly full.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) => _csv.EndRecordAsync(cancellationToken);

    /// <summary>Ends a row writing synchronously (files and console only; never an HTTP response).</summary>
    public void EndRow() => _csv.EndRecord();

    public ValueTask FlushAsync(CancellationToken cancellationToken) => _csv.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    public void Dispose() => _csv.Dispose();
}
