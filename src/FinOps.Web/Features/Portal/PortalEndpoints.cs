using FinOps.Application.Periods;
using FinOps.Application.Portal;
using FinOps.Web.Access;
using FinOps.Web.Features.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Portal;

/// <summary><c>GET /api/tenants/{slug}/daily-costs.csv?period=YYYY-MM</c>: one tenant's daily cost per feature, for its viewer, its team leads and finance.</summary>
internal static class PortalEndpoints
{
    /// <summary>The columns of <c>./finops costs daily --by tenant-feature --format csv</c>, and the currency.</summary>
    public static readonly string[] Columns = ["day", "tenant", "feature", "cost", "estimated_cost", "currency"];

    /// <summary>Daily amounts are summed afterwards: six decimals, as the CLI writes them.</summary>
    private const int SeriesDigits = 6;

    public static void MapPortalApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/tenants/{slug}/daily-costs.csv", GetAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Costs")
            .WithSummary("One tenant's daily cost per feature for a period, as CSV");

    private static async Task<Results<CsvDownload, ProblemHttpResult, ForbidHttpResult>> GetAsync(string slug, string? period, ReportingCalendar calendar,
        ExportTenantDailyCosts export, CancellationToken ct)
    {
        var parsed = string.IsNullOrWhiteSpace(period) ? await calendar.CurrentAsync(ct) : (await calendar.ParseAsync(period, ct)).Period;
        if (parsed is null) return TypedResults.Problem((await calendar.ParseAsync(period, ct)).Problem, statusCode: StatusCodes.Status400BadRequest);
        if (await export.HandleAsync(slug, parsed, ct) is not { } answer) return TypedResults.Forbid();
        return new CsvDownload($"daily-costs-{slug}-{parsed}.csv", async (csv, token) =>
        {
            csv.Header(Columns);
            foreach (var day in answer.Days)
            {
                csv.Day(day.Day).Text(day.Tenant).Text(day.Feature).Money(day.Cost, SeriesDigits).Money(day.Estimated, SeriesDigits).Text(answer.Currency);
                await csv.EndRowAsync(token);
            }
            await csv.FlushAsync(token);
        });
    }
}
