using System.Security.Claims;
using FinOps.Application.Allocation;
using FinOps.Domain.Access;
using FinOps.Domain.Periods;
using FinOps.Infrastructure.Export;
using FinOps.Web.Access;

namespace FinOps.Web.Features.Statements;

/// <summary>
/// <c>GET /api/statements?period=YYYY-MM[&amp;tenant=…][&amp;format=json|csv|focus]</c>: the period's statement lines
/// through the caller's scope — finance everything, team leads their tenants, tenant viewers their tenant's closed periods.
/// </summary>
internal static class StatementEndpoints
{
    public static void MapStatementsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/statements", async (string? period, string? tenant, string? format, ClaimsPrincipal user, GetTenantStatements statements,
                TimeProvider clock, HttpResponse response, CancellationToken ct) =>
            {
                period ??= clock.GetUtcNow().AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                if (!ChargePeriod.TryParse(period, null, out var parsed)) return Results.Problem($"'{period}' is not a period (YYYY-MM)", statusCode: 400);
                var viewerOnly = user.IsInRole(Roles.TenantViewer) && !user.IsInRole(Roles.FinanceAdmin) && !user.IsInRole(Roles.TeamLead);
                // No statements (yet, or none the caller may see) is an empty answer, not an error.
                var view = await statements.HandleAsync(period, tenant, closedOnly: viewerOnly, ct) ?? new StatementsView(period, "none", "", 0m, [], []);
                switch (format ?? "json")
                {
                    case "csv":
                    case "focus":
                        response.ContentType = "text/csv; charset=utf-8";
                        await using (var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false)))
                        {
                            if (format == "csv") StatementCsv.Write(writer, view);
                            else StatementCsv.WriteFocus(writer, view, parsed.Start, parsed.End);
                        }
                        return Results.Empty;
                    case "json":
                        return Results.Ok(view);
                    default:
                        return Results.Problem("format is json, csv or focus", statusCode: 400);
                }
            })
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Statements")
            .WithSummary("A period's statement lines through the caller's tenant scope");
}
