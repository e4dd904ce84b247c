using FinOps.Domain.Usage;

namespace FinOps.Application.Usage;

/// <summary>How long raw requests are kept, which months are stored (with their size) and which were dropped.</summary>
public sealed record RawUsageRetentionStatus(
    int Months,
    DateOnly KeptFrom,
    IReadOnlyList<StoredUsageMonth> Stored,
    IReadOnlyList<DroppedUsageMonth> Dropped)
{
    /// <summary>Usage for months before this cannot be ingested any more (null while nothing was dropped).</summary>
    public DateOnly? RefusedBefore => Dropped.Count == 0 ? null : Dropped.Max(d => d.Month).AddMonths(1);

    /// <summary>Bytes per million stored requests over the stored months holding requests (null without any).</summary>
    public long? BytesPerMillionRequests
    {
        get
        {
            var requests = Stored.Sum(s => s.Requests);
            return requests == 0 ? null : (long)Math.Round(Stored.Sum(s => (decimal)s.Bytes) * 1_000_000m / requests);
        }
    }
}

/// <summary>A UTC month whose raw requests are stored: how many (from the rollup) and the disk they take.</summary>
public sealed record StoredUsageMonth(DateOnly Month, long Requests, long Bytes, bool Expired);
