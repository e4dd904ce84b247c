using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Ingest;

public sealed record QuarantineEntry(long FileId, string FileName, long Line, string? Column, string Reason, string RawText);

/// <summary>The rows an ingested file left in quarantine (bad rows and conflicting duplicates), in line order.</summary>
public sealed class ListQuarantine(IFinOpsDbContextFactory contexts)
{
    public async IAsyncEnumerable<QuarantineEntry> HandleAsync(long fileId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = db.QuarantinedRows.AsNoTracking()
            .Where(q => q.FileId == fileId)
            .OrderBy(q => q.LineNumber)
            .Join(db.IngestionFiles, q => q.FileId, f => f.Id, (q, f) => new QuarantineEntry(q.FileId, f.FileName, q.LineNumber, q.ColumnName, q.Reason, q.RawText))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken)) yield return row;
    }
}
