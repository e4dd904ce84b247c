using FinOps.Application.Periods;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Export;
using FinOps.Web.Access;
using FinOps.Web.Features.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Reconciliation;

internal static class ReconciliationEndpoints
{
    /// <summary>The grid as CSV — the same columns as <c>./finops reconcile --format csv</c>.</summary>
    public static void MapReconciliationApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/reconciliation/{period}.csv", GetCsvAsync)
            .RequireAuthorization(Policies.FinanceAdmin)
            .WithTags("Reconciliation")
            .WithSummary("The current reconciliation of a period as CSV (window: day, hour or period)");

    private static async Task<Results<CsvDownload, NotFound, ProblemHttpResult>> GetCsvAsync(string period, string? window, ReportingCalendar calendar,
        GetReconciliation reconciliation, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (!ReconciliationWindows.TryParse(window ?? "day", out var kind))
            return TypedResults.Problem($"'{window}' is not a window: write hour, day or period", statusCode: StatusCodes.Status400BadRequest);
        if (await reconciliation.HandleAsync(parsed, kind, ct) is not { } report) return TypedResults.NotFound();
        return new CsvDownload($"reconciliation-{parsed}-{kind.ToString().ToLowerInvariant()}.csv", (csv, token) => ReconciliationCsv.WriteAsync(csv, report, token));
    }
}
