using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Domain.Allocation;
using FinOps.Domain.Costs;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FinOps.Application.Costs;

/// <summary>What a refresh did: the days it recomputed (none when the series was fresh) and the last day the series holds.</summary>
public sealed record CostSeriesFreshness(string Period, DateOnly? RecomputedFrom, DateOnly? Through, bool Frozen, IReadOnlyList<string> Warnings)
{
    public bool WasStale => RecomputedFrom is not null;
}

/// <summary>
/// Brings a period's cost series up to date before anything reads it (SEMANTICS §8): from the first day an input
/// change touched (the database's triggers record it) to today or the period's last day — never the days before it,
/// so a day's file does not recompute the month, let alone the year. Each day's cost to date is the statement
/// computation over [period start, end of the day) plus the estimate of unbilled usage; its difference from the day
/// before is stored per line. A closed period is computed once more with the prices and rules it closed with, no
/// estimates (its statement is final), and frozen. Concurrent refreshes of one period queue on a lock; a change that
/// lands while one computes leaves the period stale for the next reader.
/// </summary>
public sealed class RefreshCostSeries(IFinOpsDbContextFactory contexts, ComputeStatements statements, ICostSeriesWriter writer, TimeProvider clock,
    ILogger<RefreshCostSeries> log)
{
    public async Task<CostSeriesFreshness> HandleAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        // The series is the organisation's, whoever reads first: computed from every tenant's usage, never the reader's share of it.
        using var organisation = SystemExecution.Begin();
        var periodText = period.ToString();
        var today = period.Zone.DayOf(clock.GetUtcNow());
        var lastDay = LastDayOf(period, today);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var state = await db.CostSeriesStates.AsNoTracking().SingleOrDefaultAsync(s => s.Period == periodText, cancellationToken);
        if (state is { Frozen: true }) return new CostSeriesFreshness(periodText, null, state.ComputedThrough, true, []);
        if (lastDay is null) return new CostSeriesFreshness(periodText, null, null, false, []);
        // A period closed since its last refresh is computed once more, then frozen.
        var closed = await db.PeriodCloses.AnyAsync(c => c.Period == periodText, cancellationToken);
        if (!closed && IsFresh(state, lastDay.Value)) return new CostSeriesFreshness(periodText, null, state!.ComputedThrough, false, []);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext({"cost-series:" + periodText}))", cancellationToken);
        // Another refresh may have done the work while this one waited for the lock.
        state = await db.CostSeriesStates.AsNoTracking().SingleOrDefaultAsync(s => s.Period == periodText, cancellationToken);
        if (state is { Frozen: true }) return new CostSeriesFreshness(periodText, null, state.ComputedThrough, true, []);
        if (!closed && IsFresh(state, lastDay.Value)) return new CostSeriesFreshness(periodText, null, state!.ComputedThrough, false, []);

        var from = closed || state?.ComputedThrough is null
            ? period.FirstDay
            : Min(state.StaleFrom ?? state.ComputedThrough.Value.AddDays(1), state.ComputedThrough.Value.AddDays(1));
        if (closed) lastDay = period.FirstDay.AddDays(period.DayCount - 1);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (input, warnings) = await InputAsync(periodText, closed, cancellationToken);
        var pools = (await db.InfraCosts.AsNoTracking().Select(c => c.Pool).Distinct().ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        // Cost to date of the day before the first stale one, summed by the database: the days before it are not read one by one.
        var previous = (await db.CostSeries.AsNoTracking().Where(d => d.Period == periodText && d.Day < from)
                .GroupBy(d => new { d.LineType, d.Tenant, d.Feature, d.Provider, d.Model, d.Pool, d.AdjustsPeriod })
                .Select(g => new { g.Key, Cost = g.Sum(d => d.Cost), Estimated = g.Sum(d => d.Estimated) })
                .ToListAsync(cancellationToken))
            .Where(l => l.Cost != 0m || l.Estimated != 0m)
            .Select(l => new CostToDateLine(new SeriesLine(Enum.Parse<LineType>(l.Key.LineType, ignoreCase: true), l.Key.Tenant, l.Key.Feature, l.Key.Provider,
                l.Key.Model, l.Key.Pool, l.Key.AdjustsPeriod), l.Cost, l.Estimated))
            .ToList();

        var loaded = watch.Elapsed;
        var computed = CostSeries.Compute(input, from, lastDay.Value, previous, pools, estimate: !closed);
        var compute = watch.Elapsed - loaded;
        var days = computed.Days;
        warnings.AddRange(computed.Warnings);

        await db.CostSeries.Where(d => d.Period == periodText && d.Day >= from).ExecuteDeleteAsync(cancellationToken);
        await writer.WriteAsync(db, periodText, days, cancellationToken);
        var version = state?.Version ?? -1;
        var now = clock.GetUtcNow();
        // The version tells whether an input changed while this computed: then the period stays stale from where that change starts.
        await db.Database.ExecuteSqlAsync($"""
            insert into cost_series_state as s (period, stale_from, computed_through, version, frozen, refreshed_at)
            values ({periodText}, null, {lastDay}, 0, {closed}, {now})
            on conflict (period) do update set computed_through = excluded.computed_through, refreshed_at = excluded.refreshed_at,
                frozen = excluded.frozen, stale_from = case when s.version = {version} or excluded.frozen then null else s.stale_from end
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        log.LogInformation("Cost series {Period}: recomputed {From} to {Through}, {Points} points{Frozen} (load {LoadMs} ms, compute {ComputeMs} ms, store {StoreMs} ms)",
            periodText, from, lastDay, days.Count, closed ? " (frozen)" : "", (int)loaded.TotalMilliseconds, (int)compute.TotalMilliseconds,
            (int)(watch.Elapsed - loaded - compute).TotalMilliseconds);
        return new CostSeriesFreshness(periodText, from, lastDay, closed, warnings.Distinct().ToList());
    }

    /// <summary>Every period up to today that could hold costs: the series of each, refreshed (a job's sweep).</summary>
    public async Task<IReadOnlyList<CostSeriesFreshness>> StalePeriodsAsync(ReportingTimeZone zone, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var stale = await db.CostSeriesStates.AsNoTracking().Where(s => !s.Frozen && s.StaleFrom != null).Select(s => s.Period).ToListAsync(cancellationToken);
        var current = ChargePeriod.Containing(clock.GetUtcNow(), zone).ToString();
        var results = new List<CostSeriesFreshness>();
        foreach (var text in stale.Append(current).Distinct().Order(StringComparer.Ordinal))
            results.Add(await HandleAsync(ChargePeriod.Parse(text, zone), cancellationToken));
        return results;
    }

    /// <summary>The last day a series can hold: the period's last day, today while it runs, nothing before it starts.</summary>
    internal static DateOnly? LastDayOf(ChargePeriod period, DateOnly today)
    {
        var last = period.FirstDay.AddDays(period.DayCount - 1);
        if (today < period.FirstDay) return null;
        return today < last ? today : last;
    }

    private static bool IsFresh(CostSeriesState? state, DateOnly lastDay) =>
        state is { StaleFrom: null, ComputedThrough: { } through } && through >= lastDay;

    private async Task<(AllocationInput Input, List<string> Warnings)> InputAsync(string periodText, bool closed, CancellationToken cancellationToken)
    {
        if (!closed)
        {
            var adjustments = await statements.AdjustmentsAsync(periodText, cancellationToken);
            return ((await statements.InputAsync(periodText, null, null, adjustments, cancellationToken)).Input, []);
        }
        // Frozen with the close: its prices, its rules, and the adjustments it carried for the periods before it.
        var snapshot = await new PeriodCloses(contexts).SnapshotAsync(periodText, cancellationToken);
        var carried = snapshot.Lines.Where(l => l.Type == LineType.Adjustment && l.AdjustsPeriod is not null)
            .Select(l => new Adjustment(l.AdjustsPeriod!, l.Tenant, l.Feature, l.Provider, l.Model, l.Pool, l.ExactAmount)).ToList();
        return ((await statements.InputAsync(periodText, snapshot.Prices, snapshot.Rules, carried, cancellationToken, snapshot)).Input, []);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
