using FinOps.Application.Abstractions;
using FinOps.Domain.Costs;

namespace FinOps.Application.Costs;

/// <summary>Writes a period's recomputed days of series in bulk (binary COPY), inside the caller's transaction.</summary>
public interface ICostSeriesWriter
{
    Task WriteAsync(IFinOpsDbContext db, string period, IReadOnlyList<DailyCostLine> lines, CancellationToken cancellationToken);
}
