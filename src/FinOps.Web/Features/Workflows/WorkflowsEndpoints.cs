using FinOps.Application.Periods;
using FinOps.Application.Workflows;
using FinOps.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows?period=YYYY-MM[&amp;tenant=…][&amp;feature=…][&amp;workflow=…]</c>: the CLI's workflows as JSON, and
/// <c>GET /api/workflows/traces/{id}</c>: one execution's requests in order — both through the caller's scope (a trace of
/// a tenant outside it is not found).
/// </summary>
internal static class WorkflowsEndpoints
{
    public static void MapWorkflowsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/workflows", GetAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Costs")
            .WithSummary("Cost per workflow execution: executions, calls and cost per execution (median, p95), the costliest traces");
        endpoints.MapGet("/api/workflows/traces/{traceId}", TraceAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Costs")
            .WithSummary("One workflow execution's requests in the order they ran, with their list cost");
    }

    private static async Task<Results<Ok<WorkflowsAnswer>, ProblemHttpResult>> GetAsync(string? period, string? tenant, string? feature, string? workflow,
        ReportingCalendar calendar, GetWorkflows workflows, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (workflow is { Length: > FinOps.Domain.Ingest.UsageRecord.MaxWorkflowLength })
            return TypedResults.Problem("workflow is longer than 200 characters", statusCode: StatusCodes.Status400BadRequest);
        var answer = await workflows.HandleAsync(parsed, Blank(tenant), Blank(feature), Blank(workflow), ct);
        return answer.Refusal is { } refusal ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status400BadRequest) : TypedResults.Ok(answer);
    }

    private static async Task<Results<Ok<TraceAnswer>, NotFound, ProblemHttpResult>> TraceAsync(string traceId, GetTrace trace, CancellationToken ct)
    {
        if (traceId.Length > FinOps.Domain.Ingest.UsageRecord.MaxTraceIdLength)
            return TypedResults.Problem("a trace id is at most 200 characters", statusCode: StatusCodes.Status400BadRequest);
        return await trace.HandleAsync(traceId, ct) is { } answer ? TypedResults.Ok(answer) : TypedResults.NotFound();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
