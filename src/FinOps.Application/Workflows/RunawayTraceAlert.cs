namespace FinOps.Application.Workflows;

/// <summary>The details stored with a <c>runaway_trace</c> alert (the alert's JSON; typed so its shape cannot drift).</summary>
public sealed record RunawayTraceAlert(
    string TraceId, string? Workflow, string Tenant, string Feature, DateTimeOffset BreachedAt, int CallsInHour, decimal CostInHour, decimal CallsPerMinute,
    int CallsSoFar, decimal CostSoFar, int MaxCallsPerHour, decimal? CostLimitPerHour, string Currency);
