using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Application.Notifications;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>
/// The runaway check run on ingest (SEMANTICS §8): the traced calls within an hour of what a stored usage file
/// covers are read in order and held against the organisation's rule (more than N calls, or a list cost above the
/// limit, within any hour); a trace that breaks it is read whole and raises one <c>runaway_trace</c> alert — its
/// key is the trace, so later files and repeated runs raise nothing new — with its pace and cost so far, for
/// finance and the tenant's leads.
/// </summary>
public sealed class CheckRunawayTraces(IFinOpsDbContextFactory contexts, NotificationCentre centre)
{
    /// <returns>How many traces were found running away (alerts already raised for them included).</returns>
    /// <param name="from">The first request time the stored file holds; <paramref name="to"/> its last.</param>
    public async Task<int> HandleAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var rule = settings.Runaway;
        var prices = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == settings.Currency).ToListAsync(cancellationToken));
        var zone = ReportingTimeZone.FromId(settings.ReportingTimeZone);
        // Any hour that holds one of the file's calls lies within an hour of the file's span: every traced call there
        // is read in one ordered pass (one trace in memory at a time) — the file's traces, and any other trace of the
        // span, which cannot have broken the rule unseen. A plain range read keeps the plan simple on fresh partitions.
        var (since, until) = (from.AddHours(-1), to.AddHours(1));
        var calls = db.TokenUsage.AsNoTracking()
            .Where(u => u.TraceId != null && u.OccurredAt >= since && u.OccurredAt <= until)
            .OrderBy(u => u.TraceId).ThenBy(u => u.OccurredAt)
            .Select(u => new TracedCall(u.TraceId!, u.OccurredAt, u.TenantId, u.FeatureId, u.ModelId, u.ModelAliasId, u.ServiceTier, u.Workflow,
                u.InputTokens - u.CachedInputTokens, u.CachedInputTokens, u.OutputTokens));

        var breaking = new List<string>();
        string? current = null;
        var trace = new List<TraceCall>();
        await foreach (var call in calls.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (call.TraceId != current)
            {
                if (current is not null && rule.Check(trace) is not null) breaking.Add(current);
                (current, trace) = (call.TraceId, []);
            }
            trace.Add(new TraceCall(call.OccurredAt, call.ListCost(prices)));
        }
        if (current is not null && rule.Check(trace) is not null) breaking.Add(current);

        var batch = new AlertBatch();
        foreach (var traceId in breaking)
        {
            // The whole trace, beyond the span too: its calls and cost so far.
            var whole = await db.TokenUsage.AsNoTracking().Where(u => u.TraceId == traceId).OrderBy(u => u.OccurredAt)
                .Select(u => new TracedCall(u.TraceId!, u.OccurredAt, u.TenantId, u.FeatureId, u.ModelId, u.ModelAliasId, u.ServiceTier, u.Workflow,
                    u.InputTokens - u.CachedInputTokens, u.CachedInputTokens, u.OutputTokens))
                .ToListAsync(cancellationToken);
            if (rule.Check(whole.Select(c => new TraceCall(c.OccurredAt, c.ListCost(prices))).ToList()) is not { } breach) continue;
            var start = new TraceStart(whole[0].TenantId, whole[0].FeatureId, whole.Select(c => c.Workflow).FirstOrDefault(w => w is not null));
            await centre.RaiseAsync(await AlertAsync(db, traceId, start, breach, rule, settings.Currency, zone, cancellationToken), batch, cancellationToken);
        }
        await centre.DeliverAsync(batch, cancellationToken);
        return breaking.Count;
    }

    private sealed record TracedCall(string TraceId, DateTimeOffset OccurredAt, long TenantId, long FeatureId, int ModelId, int ModelAliasId, string? ServiceTier,
        string? Workflow, long Uncached, long Cached, long Output)
    {
        public decimal ListCost(PriceBook prices) =>
            prices.InForce(new PricedName(ModelId, ModelAliasId), OccurredAt)?.ListCost(Uncached, Cached, Output, ServiceTier == "batch") ?? 0m;
    }

    private sealed record TraceStart(long TenantId, long FeatureId, string? Workflow);

    private static async Task<NewAlert> AlertAsync(IFinOpsDbContext db, string traceId, TraceStart start, RunawayBreach breach, RunawayRule rule, string currency,
        ReportingTimeZone zone, CancellationToken cancellationToken)
    {
        var tenant = (await db.Tenants.AsNoTracking().Where(t => t.Id == start.TenantId).Select(t => new { t.Slug }).SingleOrDefaultAsync(cancellationToken))?.Slug.Value ?? "?";
        var feature = (await db.Features.AsNoTracking().Where(f => f.Id == start.FeatureId).Select(f => new { f.Slug }).SingleOrDefaultAsync(cancellationToken))?.Slug.Value ?? "?";
        var day = zone.DayOf(breach.At);
        var period = ChargePeriod.Containing(breach.At, zone).ToString();
        var named = start.Workflow is null ? $"trace {traceId}" : $"{start.Workflow} trace {traceId}";
        var why = breach.ByCalls
            ? $"{breach.CallsInHour:N0} calls in the hour to {breach.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC (limit {rule.MaxCallsPerHour:N0})"
            : $"{Money(breach.CostInHour)} {currency} at list price in the hour to {breach.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC (limit {Money(rule.CostLimitPerHour ?? 0m)} {currency})";
        var link = $"/workflows?period={period}&trace={Uri.EscapeDataString(traceId)}";
        return new NewAlert($"runaway_trace:{tenant}:{traceId}", "runaway_trace",
            Clip($"{tenant}/{feature}: {named} is looping", 300),
            $"{tenant}/{feature}: {named} made {why}, {breach.CallsPerMinute.ToString("0.#", CultureInfo.InvariantCulture)} calls a minute; "
            + $"{breach.CallsSoFar:N0} calls costing {Money(breach.CostSoFar)} {currency} so far",
            link.Length <= 500 ? link : $"/workflows?period={period}",
            new RunawayTraceAlert(traceId, start.Workflow, tenant, feature, breach.At, breach.CallsInHour, breach.CostInHour, decimal.Round(breach.CallsPerMinute, 2),
                breach.CallsSoFar, breach.CostSoFar, rule.MaxCallsPerHour, rule.CostLimitPerHour, currency))
        {
            CrossedOn = day, TenantId = start.TenantId, Tenant = tenant, Feature = feature, Period = period,
            Threshold = rule.MaxCallsPerHour, Value = breach.CostSoFar, Reference = rule.CostLimitPerHour,
        };
    }

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
