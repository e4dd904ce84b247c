using FinOps.Application.Explorer;
using FinOps.Application.Periods;
using FinOps.Domain.Money;
using FinOps.Web.Access;
using FinOps.Web.Features.Exports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.Explorer;

/// <summary><c>GET /api/explore.csv?…</c>: exactly the rows the explorer shows for the same query string, through the caller's scope.</summary>
internal static class ExploreEndpoints
{
    public static readonly string[] Columns = ["group", "subgroup", "name", "subname", "cost", "estimated_cost", "currency", "from", "to"];

    public static void MapExploreApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/explore.csv", GetAsync)
            .RequireAuthorization(Policies.SpendReader)
            .WithTags("Costs")
            .WithSummary("The cost explorer's rows as CSV, for the explorer's query string");

    private static async Task<Results<CsvDownload, ProblemHttpResult>> GetAsync(HttpRequest request, ReportingCalendar calendar, TimeProvider clock, ExploreCosts explore,
        CancellationToken ct)
    {
        var url = ExploreUrl.Parse(name => request.Query[name].FirstOrDefault(), out var problem);
        if (problem is not null) return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        var zone = await calendar.ZoneAsync(ct);
        var (query, why) = url.Resolve(zone.DayOf(clock.GetUtcNow()), zone);
        if (query is null) return TypedResults.Problem(why, statusCode: StatusCodes.Status400BadRequest);
        var answer = await explore.HandleAsync(query, ct);
        var digits = Currency.FromCode(answer.Currency).MinorDigits;
        return new CsvDownload($"costs-{query.From:yyyy-MM-dd}-{query.To:yyyy-MM-dd}-by-{ExploreQuery.Name(query.GroupBy)}.csv", async (csv, token) =>
        {
            csv.Header(Columns);
            foreach (var row in answer.Rows.Where(url.Matches))
            {
                csv.Text(row.Key).Text(row.SubKey).Text(row.Label).Text(row.SubLabel).Money(row.Cost, digits).Money(row.Estimated, digits).Text(answer.Currency)
                    .Day(query.From).Day(query.To);
                await csv.EndRowAsync(token);
            }
            await csv.FlushAsync(token);
        });
    }
}
