using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Explorer;

/// <summary>A group of the view: its keys (slugs, names) and what people read (display names), its cost rounded with the view's one rounding.</summary>
public sealed record ExploreRow(string Key, string? SubKey, string Label, string? SubLabel, decimal Cost, decimal Estimated, decimal ExactCost);

/// <summary>One group's cost per bucket of the chart (exact sums: a chart needs no rounding to add up).</summary>
public sealed record ExploreSeries(string Key, string Label, IReadOnlyList<decimal> Values);

/// <summary>
/// The explorer's answer: rows rounded once (largest remainder, so they add up to <see cref="Total"/> exactly), the
/// buckets of the time axis and each first-level group's series over them.
/// </summary>
public sealed record ExploreAnswer(ExploreQuery Query, string Currency, IReadOnlyList<ExploreRow> Rows, decimal Total, decimal Estimated,
    IReadOnlyList<string> Buckets, IReadOnlyList<ExploreSeries> Series, IReadOnlyList<string> Warnings);

/// <summary>
/// The cost explorer (Kubecost-style): any range of days, grouped by one or two of tenant, feature, provider, model or
/// pool, filtered by any of them, read from the stored daily costs (periods refreshed first) — never from raw
/// requests. Through the caller's scope: a team lead sees only their tenants' lines.
/// </summary>
public sealed class ExploreCosts(IFinOpsReadDbContextFactory contexts, RefreshCostSeries refresh)
{
    private sealed record Cell(DateOnly Day, string Tenant, string Feature, string Provider, string Model, string Pool, decimal Cost, decimal Estimated);

    public async Task<ExploreAnswer> HandleAsync(ExploreQuery query, CancellationToken cancellationToken)
    {
        if (query.Problem() is { } problem) throw new ArgumentException(problem, nameof(query));
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId(settings.ReportingTimeZone);
        var warnings = new List<string>();
        var periods = query.Periods(zone).ToList();
        foreach (var period in periods) warnings.AddRange((await refresh.HandleAsync(period, cancellationToken)).Warnings);

        var unrestricted = db.Scope.IsUnrestricted;
        var tenants = await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.DisplayName }).ToListAsync(cancellationToken);
        var tenantNames = tenants.ToDictionary(t => t.Slug.Value, t => t.DisplayName, StringComparer.Ordinal);
        var visible = tenantNames.Keys.ToList();
        var featureNames = (await db.Features.AsNoTracking().Select(f => new { f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Slug.Value, f => f.DisplayName, StringComparer.Ordinal);

        var names = periods.Select(p => p.ToString()).ToList();
        var (from, to) = (query.From, query.To);
        var source = db.CostSeries.AsNoTracking().Where(d => names.Contains(d.Period) && d.Day >= from && d.Day <= to && (unrestricted || visible.Contains(d.Tenant)));
        foreach (var (dimension, value) in query.Filters)
            source = dimension switch
            {
                CostDimension.Tenant => source.Where(d => d.Tenant == value),
                CostDimension.Feature => source.Where(d => d.Feature == value),
                CostDimension.Provider => source.Where(d => d.Provider == value),
                CostDimension.Model => source.Where(d => d.Model == value),
                _ => source.Where(d => d.Pool == value),
            };
        var cells = await source.GroupBy(d => new { d.Day, d.Tenant, d.Feature, d.Provider, d.Model, d.Pool })
            .Select(g => new Cell(g.Key.Day, g.Key.Tenant, g.Key.Feature, g.Key.Provider, g.Key.Model, g.Key.Pool, g.Sum(d => d.Cost), g.Sum(d => d.Estimated)))
            .ToListAsync(cancellationToken);

        string KeyOf(Cell c, CostDimension dimension) => dimension switch
        {
            CostDimension.Tenant => c.Tenant,
            CostDimension.Feature => c.Feature,
            CostDimension.Provider => c.Provider,
            CostDimension.Model => c.Model,
            _ => c.Pool,
        };
        string Label(CostDimension dimension, string key) => key.Length == 0 ? NoneLabel(dimension) : dimension switch
        {
            CostDimension.Tenant => tenantNames.GetValueOrDefault(key, key),
            CostDimension.Feature => featureNames.GetValueOrDefault(key, key),
            _ => key,
        };

        var currency = Currency.FromCode(settings.Currency);
        var groups = cells.GroupBy(c => (Key: KeyOf(c, query.GroupBy), Sub: query.ThenBy is { } then ? KeyOf(c, then) : null))
            .Select(g => (g.Key.Key, g.Key.Sub, Cost: g.Sum(c => c.Cost), Estimated: g.Sum(c => c.Estimated))).ToList();
        var rounded = StatementRounding.Round(groups.Select(g => new ExactLine(RowKey(g.Key, g.Sub), g.Cost)), currency);
        var byKey = rounded.Lines.ToDictionary(l => l.Key, l => l.Amount, StringComparer.Ordinal);
        var estimates = StatementRounding.Round(groups.Select(g => new ExactLine(RowKey(g.Key, g.Sub), g.Estimated)), currency).Lines
            .ToDictionary(l => l.Key, l => l.Amount, StringComparer.Ordinal);
        var rows = groups
            .Select(g => new ExploreRow(g.Key, g.Sub, Label(query.GroupBy, g.Key), g.Sub is null ? null : Label(query.ThenBy!.Value, g.Sub),
                byKey[RowKey(g.Key, g.Sub)], estimates[RowKey(g.Key, g.Sub)], g.Cost))
            .OrderByDescending(r => r.Cost).ThenBy(r => r.Key, StringComparer.Ordinal).ThenBy(r => r.SubKey, StringComparer.Ordinal).ToList();

        var buckets = query.Grain == TimeGrain.Day
            ? Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i).ToString("yyyy-MM-dd")).ToList()
            : periods.Select(p => p.ToString()).ToList();
        string BucketOf(DateOnly day) => query.Grain == TimeGrain.Day ? day.ToString("yyyy-MM-dd") : day.ToString("yyyy-MM");
        var index = buckets.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i, StringComparer.Ordinal);
        var series = cells.GroupBy(c => KeyOf(c, query.GroupBy))
            .Select(g =>
            {
                var values = new decimal[buckets.Count];
                foreach (var c in g) values[index[BucketOf(c.Day)]] += c.Cost;
                return new ExploreSeries(g.Key, Label(query.GroupBy, g.Key), values);
            })
            .OrderByDescending(s => s.Values.Sum()).ToList();
        return new ExploreAnswer(query, currency.Code, rows, rounded.Total, estimates.Values.Sum(), buckets, series, warnings.Distinct().ToList());

        static string RowKey(string key, string? sub) => sub is null ? key : key + "\u001f" + sub;
    }

    /// <summary>How a line without that dimension reads (a pool line has no model; a direct line no pool).</summary>
    public static string NoneLabel(CostDimension dimension) => dimension switch
    {
        CostDimension.Pool => "(direct usage)",
        CostDimension.Provider or CostDimension.Model => "(pools)",
        _ => "(none)",
    };
}
