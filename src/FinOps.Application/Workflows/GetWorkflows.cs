using FinOps.Application.Abstractions;
using FinOps.Application.Tenants;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.Workflows;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>
/// The workflows of a period: per tenant × feature × workflow, executions and their calls, tokens and cost (median,
/// p95, max, total); the costliest executions; and how many calls each execution made. Costs are list costs, and
/// allocated costs too once the period has a statement run (<see cref="AllocatedAt"/>).
/// </summary>
public sealed record WorkflowsAnswer(string? Refusal, ChargePeriod Period, string Currency, DateTimeOffset? AllocatedAt, IReadOnlyList<WorkflowSummary> Workflows,
    IReadOnlyList<TraceTotals> CostliestTraces, IReadOnlyList<CallBucket> CallsPerExecution)
{
    public int Executions => Workflows.Sum(w => w.Executions);

    public decimal CostTotal => Workflows.Sum(w => w.CostTotal);

    public decimal? AllocatedTotal => AllocatedAt is null ? null : Workflows.Sum(w => w.AllocatedTotal ?? 0m);
}

/// <summary>Reads the workflows of a period through the caller's scope (a tenant, a feature, a workflow, or all).</summary>
public sealed class GetWorkflows(IFinOpsReadDbContextFactory contexts)
{
    public const int CostliestShown = 20;

    public async Task<WorkflowsAnswer> HandleAsync(ChargePeriod period, string? tenant, string? feature, string? workflow, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var (refusal, scope) = await ScopeIds.ReadAsync(db, tenant, feature, cancellationToken);
        if (refusal is not null) return new WorkflowsAnswer(refusal, period, currency, null, [], [], []);

        var prices = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == currency).ToListAsync(cancellationToken));
        var slugs = await ScopeSlugs.ReadAsync(db, cancellationToken);
        var traces = await TraceReader.ReadAsync(db, period, scope, workflow, prices, slugs, cancellationToken);
        var ratios = await AllocationRatios.ReadAsync(db, period, traces.Select(t => (t.Tenant, t.Feature)).ToHashSet(), prices, slugs, cancellationToken);
        if (ratios is not null)
            traces = traces.Select(t => t with { AllocatedCost = ratios.ByScope.TryGetValue((t.Tenant, t.Feature), out var r) ? t.ListCost * r : null }).ToList();

        var costliest = traces.OrderByDescending(t => t.ListCost).ThenByDescending(t => t.Calls).ThenBy(t => t.TraceId, StringComparer.Ordinal).Take(CostliestShown).ToList();
        return new WorkflowsAnswer(null, period, currency, ratios?.ComputedAt, WorkflowSummary.Of(traces), costliest, CallBuckets.Of(traces.Select(t => t.Calls)));
    }
}
