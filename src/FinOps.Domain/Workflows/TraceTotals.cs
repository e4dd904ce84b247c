namespace FinOps.Domain.Workflows;

/// <summary>
/// One workflow execution (a trace: an agent run, a ticket's pipeline) within a period: its calls, tokens and list
/// cost, and its allocated cost once the period has a statement run. It belongs to the tenant, feature and workflow
/// of its first call; <see cref="Workflow"/> is the first name any of its calls gave, else <see cref="Unnamed"/>.
/// </summary>
public sealed record TraceTotals(
    string TraceId, string Tenant, string Feature, string Workflow, DateTimeOffset Started, DateTimeOffset Ended, int Calls, long Tokens,
    decimal ListCost, decimal? AllocatedCost)
{
    public const string Unnamed = "(unnamed)";

    public TimeSpan Duration => Ended - Started;
}
