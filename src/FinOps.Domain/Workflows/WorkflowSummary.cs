namespace FinOps.Domain.Workflows;

/// <summary>
/// What one kind of workflow of a tenant × feature costs per execution over a period: how many ran, calls, tokens
/// and cost per execution (median, p95; calls also max) and the whole — list cost, and the allocated cost once
/// the period is allocated (null before).
/// </summary>
public sealed record WorkflowSummary(
    string Tenant, string Feature, string Workflow, int Executions, decimal CallsP50, decimal CallsP95, int CallsMax, decimal TokensP50, decimal TokensP95,
    decimal CostP50, decimal CostP95, decimal CostTotal, decimal? AllocatedP50, decimal? AllocatedP95, decimal? AllocatedTotal)
{
    /// <summary>One summary per (tenant, feature, workflow), ordered by list cost, largest first, then by name.</summary>
    public static IReadOnlyList<WorkflowSummary> Of(IEnumerable<TraceTotals> traces) =>
        traces.GroupBy(t => (t.Tenant, t.Feature, t.Workflow))
            .Select(g => Summarise(g.Key.Tenant, g.Key.Feature, g.Key.Workflow, g.ToList()))
            .OrderByDescending(s => s.CostTotal).ThenBy(s => s.Tenant, StringComparer.Ordinal).ThenBy(s => s.Feature, StringComparer.Ordinal)
            .ThenBy(s => s.Workflow, StringComparer.Ordinal)
            .ToList();

    private static WorkflowSummary Summarise(string tenant, string feature, string workflow, IReadOnlyList<TraceTotals> runs)
    {
        var calls = runs.Select(r => (decimal)r.Calls).Order().ToList();
        var tokens = runs.Select(r => (decimal)r.Tokens).Order().ToList();
        var costs = runs.Select(r => r.ListCost).Order().ToList();
        var allocated = runs.All(r => r.AllocatedCost is not null) ? runs.Select(r => r.AllocatedCost!.Value).Order().ToList() : null;
        return new WorkflowSummary(tenant, feature, workflow, runs.Count,
            Percentiles.Of(calls, 0.5m), Percentiles.Of(calls, 0.95m), runs.Max(r => r.Calls),
            Percentiles.Of(tokens, 0.5m), Percentiles.Of(tokens, 0.95m),
            Percentiles.Of(costs, 0.5m), Percentiles.Of(costs, 0.95m), costs.Sum(),
            allocated is null ? null : Percentiles.Of(allocated, 0.5m), allocated is null ? null : Percentiles.Of(allocated, 0.95m), allocated?.Sum());
    }
}
