using FinOps.Application.Periods;
using FinOps.Application.WhatIf;
using FinOps.Web.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Features.WhatIf;

/// <summary>
/// <c>GET /api/whatif?period=YYYY-MM&amp;model=M[&amp;provider=…][&amp;tenant=…][&amp;feature=…]</c>: the CLI's model what-if as JSON,
/// through the caller's scope (a team lead's or a viewer's usage only; a tenant outside it is refused with the reason).
/// </summary>
internal static class WhatIfEndpoints
{
    public static void MapWhatIfApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/whatif", GetAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Costs")
            .WithSummary("A scope's logged usage repriced on another model's price card");
        endpoints.MapGet("/api/whatif/selfhost", SelfHostAsync)
            .RequireAuthorization(Policies.TenantReader)
            .WithTags("Costs")
            .WithSummary("Build versus buy: a scope's real token mix on our own GPUs, with every formula");
    }

    private static async Task<Results<Ok<SelfHostWhatIf>, ProblemHttpResult>> SelfHostAsync(string? period, string? tenant, string? feature, decimal? gpuHour,
        decimal? inputTps, decimal? outputTps, decimal? utilisation, decimal? fixedMonthly, ReportingCalendar calendar, GetSelfHostWhatIf selfHost, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (gpuHour is null || inputTps is null || outputTps is null || utilisation is null)
            return TypedResults.Problem("gpuHour, inputTps, outputTps and utilisation are required", statusCode: StatusCodes.Status400BadRequest);
        var answer = await selfHost.HandleAsync(parsed, Blank(tenant), Blank(feature),
            new FinOps.Domain.WhatIf.SelfHostAssumptions(gpuHour.Value, inputTps.Value, outputTps.Value, utilisation.Value, fixedMonthly ?? 0m), ct);
        return answer.Refusal is { } refusal ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status400BadRequest) : TypedResults.Ok(answer);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<Results<Ok<ModelWhatIfAnswer>, ProblemHttpResult>> GetAsync(string? period, string? model, string? provider, string? tenant, string? feature,
        ReportingCalendar calendar, GetModelWhatIf whatIf, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (string.IsNullOrWhiteSpace(model)) return TypedResults.Problem("model is required (a catalog name)", statusCode: StatusCodes.Status400BadRequest);
        if (model.Length > 200) return TypedResults.Problem("model is longer than 200 characters", statusCode: StatusCodes.Status400BadRequest);
        var answer = await whatIf.HandleAsync(parsed, model, Blank(provider), Blank(tenant), Blank(feature), ct);
        return answer.Refusal is { } refusal ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status400BadRequest) : TypedResults.Ok(answer);
    }
}
