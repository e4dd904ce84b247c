using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Export;
using FinOps.Web.Access;

namespace FinOps.Web.Features.Reconciliation;

internal static class ReconciliationEndpoints
{
    /// <summary>The grid as CSV — the same columns as <c>./finops reconcile --format csv</c>.</summary>
    public static void MapReconciliationApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/reconciliation/{period}.csv", async (string period, string? window, GetReconciliation reconciliation, HttpResponse response, CancellationToken ct) =>
            {
                var kind = ReconciliationWindows.Parse(window ?? "day");
                if (await reconciliation.HandleAsync(period, kind, ct) is not { } report) return Results.NotFound();
                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"reconciliation-{period}-{kind.ToString().ToLowerInvariant()}.csv\"";
                await using var writer = new StreamWriter(response.Body, new System.Text.UTF8Encoding(false));
                ReconciliationCsv.Write(writer, report);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.FinanceAdmin)
            .WithTags("Reconciliation")
            .WithSummary("The current reconciliation of a period as CSV (window: day, hour or period)");
}
