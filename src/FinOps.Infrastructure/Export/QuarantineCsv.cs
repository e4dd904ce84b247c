using FinOps.Application.Ingest;

namespace FinOps.Infrastructure.Export;

/// <summary>
/// Quarantined rows as CSV — the CLI's <c>quarantine export</c> and the ingest page's download write the same
/// columns: <c>file_id,file_name,line,column,reason,raw_text</c>.
/// </summary>
public static class QuarantineCsv
{
    public static async Task<int> WriteAsync(CsvExport csv, IAsyncEnumerable<QuarantineEntry> rows, CancellationToken cancellationToken)
    {
        csv.Header("file_id", "file_name", "line", "column", "reason", "raw_text");
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.Number(row.FileId).Text(row.FileName).Number(row.Line).Text(row.Column).Text(row.Reason).Text(row.RawText);
            await csv.EndRowAsync(cancellationToken);
            count++;
        }
        await csv.FlushAsync(cancellationToken);
        return count;
    }
}
