using FinOps.Application.Abstractions;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Operations;

public sealed record IngestTotal(IngestionKind Kind, long RowsStored, long Files);

/// <summary>Rows stored by ingest per kind of input, from the file records (small table; cheap at every scrape).</summary>
public sealed class GetIngestTotals(IFinOpsDbContextFactory contexts)
{
    public async Task<IReadOnlyList<IngestTotal>> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var stored = await db.IngestionFiles.AsNoTracking()
            .Where(f => f.Status == IngestionStatus.Stored || f.Status == IngestionStatus.Superseded)
            .GroupBy(f => f.Kind)
            .Select(g => new { Kind = g.Key, Rows = g.Sum(f => f.RowsStored), Files = g.LongCount() })
            .ToListAsync(cancellationToken);
        return Enum.GetValues<IngestionKind>()
            .Select(kind => stored.FirstOrDefault(s => s.Kind == kind) is { } s
                ? new IngestTotal(kind, s.Rows, s.Files)
                : new IngestTotal(kind, 0, 0))
            .ToList();
    }
}
