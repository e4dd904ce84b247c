using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Costs;

/// <summary>
/// Each period's stored series held in memory between two refreshes. The overview, forecasts and budgets read the same
/// ten thousand or more points on every request, and reading them through EF costs more than everything else those pages
/// do. An entry is keyed by its period's state row — the transaction that last wrote it (<c>xmin</c>), its version, its
/// last refresh and the day it holds — read from the same database just before the points: a refresh writes its points
/// and the state row in one transaction, so the next reader after it misses and reads again, on the primary or on a
/// replica once that has caught up. Readers filter by scope themselves: an entry holds the organisation's points.
/// Bounded by points held; a period larger than the bound is read from the database each time.
/// </summary>
public sealed class CostSeriesCache
{
    public const int DefaultMaxPoints = 1_000_000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly int maxPoints;
    private long held;
    private long ticks;

    public CostSeriesCache() : this(DefaultMaxPoints) { }

    public CostSeriesCache(int maxPoints) => this.maxPoints = maxPoints;

    /// <summary>Periods answered from memory and from the database since start-up (<c>/metrics</c> publishes both).</summary>
    public long Hits { get; private set; }
    public long Misses { get; private set; }

    /// <summary>Points held now, over every period kept.</summary>
    public long PointsHeld => Interlocked.Read(ref held);

    private sealed record Stamp(long Transaction, long Version, DateTimeOffset? RefreshedAt, DateOnly? ComputedThrough, DateOnly? StaleFrom, bool Frozen);

    private sealed class Entry(Stamp stamp, IReadOnlyList<CostSeriesPoint> points)
    {
        public Stamp Stamp { get; } = stamp;
        public IReadOnlyList<CostSeriesPoint> Points { get; } = points;
        public long LastUsed { get; set; }
    }

    /// <summary>The stored points of each period asked (empty for a period never computed), as of the state each period's row shows now.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CostSeriesPoint>>> PointsAsync(IFinOpsDbContext db, IReadOnlyCollection<string> periods,
        CancellationToken cancellationToken)
    {
        var names = periods.Distinct(StringComparer.Ordinal).ToArray();
        // Stamps first, points second: points read after their stamp are as new as it or newer, never older, so an
        // entry never serves points older than the state it is keyed by.
        var stamps = (await db.Database.SqlQuery<StampRow>($"""
                select period, xmin::text::bigint as transaction, version, refreshed_at, computed_through, stale_from, frozen
                from cost_series_state where period = any({names})
                """).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Period, s => new Stamp(s.Transaction, s.Version, s.RefreshedAt, s.ComputedThrough, s.StaleFrom, s.Frozen), StringComparer.Ordinal);

        var result = new Dictionary<string, IReadOnlyList<CostSeriesPoint>>(StringComparer.Ordinal);
        lock (gate)
        {
            foreach (var name in names)
                if (stamps.TryGetValue(name, out var stamp) && entries.TryGetValue(name, out var entry) && entry.Stamp == stamp)
                {
                    entry.LastUsed = ++ticks;
                    result[name] = entry.Points;
                    Hits++;
                }
        }
        var missing = names.Where(n => !result.ContainsKey(n)).ToArray();
        if (missing.Length == 0) return result;

        var loaded = await LoadAsync(db, missing, cancellationToken);
        lock (gate)
        {
            foreach (var name in missing)
            {
                var points = loaded.GetValueOrDefault(name) ?? [];
                result[name] = points;
                Misses++;
                // A period without a state row has never been refreshed: nothing to key it by, so nothing kept.
                if (stamps.TryGetValue(name, out var stamp)) Keep(name, stamp, points);
            }
        }
        return result;
    }

    /// <summary>The points of one period.</summary>
    public async Task<IReadOnlyList<CostSeriesPoint>> PointsAsync(IFinOpsDbContext db, string period, CancellationToken cancellationToken) =>
        (await PointsAsync(db, [period], cancellationToken))[period];

    private sealed record StampRow(string Period, long Transaction, long Version, DateTimeOffset? RefreshedAt, DateOnly? ComputedThrough, DateOnly? StaleFrom, bool Frozen);

    private static async Task<Dictionary<string, List<CostSeriesPoint>>> LoadAsync(IFinOpsDbContext db, string[] periods, CancellationToken cancellationToken)
    {
        var rows = await db.CostSeries.AsNoTracking().Where(d => periods.Contains(d.Period))
            .Select(d => new { d.Period, d.Day, d.LineType, d.Tenant, d.Feature, d.Provider, d.Model, d.Pool, d.AdjustsPeriod, d.Cost, d.Estimated })
            .ToListAsync(cancellationToken);
        // The same few names repeat on every point: one string each keeps an entry small.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string One(string text) => names.TryGetValue(text, out var kept) ? kept : names[text] = text;
        var byPeriod = new Dictionary<string, List<CostSeriesPoint>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (!byPeriod.TryGetValue(r.Period, out var points)) byPeriod[r.Period] = points = [];
            points.Add(new CostSeriesPoint(r.Day, One(r.LineType), One(r.Tenant), One(r.Feature), One(r.Provider), One(r.Model), One(r.Pool),
                r.AdjustsPeriod is null ? null : One(r.AdjustsPeriod), r.Cost, r.Estimated));
        }
        return byPeriod;
    }

    private void Keep(string period, Stamp stamp, IReadOnlyList<CostSeriesPoint> points)
    {
        if (entries.Remove(period, out var old)) held -= old.Points.Count;
        if (points.Count > maxPoints) return;
        // Least recently read first, until the new entry fits.
        while (held + points.Count > maxPoints && entries.Count > 0)
        {
            var oldest = entries.MinBy(e => e.Value.LastUsed);
            entries.Remove(oldest.Key);
            held -= oldest.Value.Points.Count;
        }
        entries[period] = new Entry(stamp, points) { LastUsed = ++ticks };
        held += points.Count;
    }
}
