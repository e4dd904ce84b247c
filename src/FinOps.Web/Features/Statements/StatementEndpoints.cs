using System.Security.Claims;
using FinOps.Application.Allocation;
using FinOps.Application.Periods;
using FinOps.Domain.Access;
using FinOps.Infrastructure.Export;
using FinOps.Web.Access;
using FinOps.Web.Features.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Statements;

/// <summary>
/// <c>GET /api/statements?period=YYYY-MM[&amp;tenant=…][&amp;format=json|csv|focus]</c>: the period's statement lines
/// through the caller's scope — finance everything, team leads their tenants, tenant viewers their tenant's closed periods.
/// </summary>
internal static class StatementEndpoints
{
    public static void MapStatementsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/statements", GetAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Statements")
            .WithSummary("A period's statement lines through the caller's tenant scope");

    private static async Task<Results<Ok<StatementsView>, CsvDownload, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        string? period, string? tenant, string? format, ClaimsPrincipal user, ReportingCalendar calendar, GetTenantStatements statements, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        format ??= "json";
        if (format is not ("json" or "csv" or "focus")) return TypedResults.Problem("format is json, csv or focus", statusCode: StatusCodes.Status400BadRequest);
        var viewerOnly = user.IsInRole(Roles.TenantViewer) && !user.IsInRole(Roles.FinanceAdmin) && !user.IsInRole(Roles.TeamLead);
        var answer = await statements.HandleAsync(parsed, string.IsNullOrWhiteSpace(tenant) ? null : tenant.Trim(), closedOnly: viewerOnly, ct);
        if (answer.Forbidden) return TypedResults.Forbid();
        // No statements (yet, or none the caller may see) is an empty answer, not an error.
        var view = answer.View ?? StatementsView.Empty(parsed);
        var name = $"statements-{parsed}{(tenant is { Length: > 0 } t ? "-" + t : "")}";
        return format switch
        {
            "csv" => new CsvDownload($"{name}.csv", (csv, token) => StatementCsv.WriteAsync(csv, view, token)),
            "focus" => new CsvDownload($"{name}-focus.csv", (csv, token) => StatementCsv.WriteFocusAsync(csv, view, parsed.Start, parsed.End, token)),
            _ => TypedResults.Ok(view),
        };
    }
}
