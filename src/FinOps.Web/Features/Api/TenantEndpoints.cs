using FinOps.Application.Tenants;
using FinOps.Web.Access;

namespace FinOps.Web.Features.Api;

/// <summary>
/// Read API for automation. Scoping is the query layer's: a team lead's token lists their tenants only, and a
/// tenant outside the caller's scope answers 403 (not 404, so existence is not the question).
/// </summary>
internal static class TenantEndpoints
{
    public static void MapTenantApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/tenants").RequireAuthorization(Policies.TenantReader);

        api.MapGet("/", async (ListTenants list, CancellationToken ct) =>
            Results.Ok((await list.HandleAsync(ct)).Select(t => new { slug = t.Slug, displayName = t.DisplayName, requests = t.RequestsThisYear })));

        api.MapGet("/{slug}/usage", async (string slug, GetTenantUsage usage, CancellationToken ct) =>
            await usage.HandleAsync(slug, ct) is { } found
                ? Results.Ok(new
                {
                    slug = found.Slug,
                    displayName = found.DisplayName,
                    months = found.Months.Select(m => new
                    {
                        period = m.Period, requests = m.Requests, inputTokens = m.InputTokens,
                        cachedInputTokens = m.CachedInputTokens, outputTokens = m.OutputTokens,
                    }),
                    features = found.Features.Select(f => new { feature = f.Feature, displayName = f.DisplayName, requests = f.Requests, tokens = f.Tokens }),
                })
                : Results.StatusCode(StatusCodes.Status403Forbidden));
    }
}
