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
        string? pool, decimal? inputTps, decimal? outputTps, decimal? utilisation, decimal? fixedMonthly, ReportingCalendar calendar, GetSelfHostWhatIf selfHost,
        CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (Blank(pool) is { } poolName)
        {
            if (gpuHour is not null) return TypedResults.Problem("give gpuHour or pool, not both", statusCode: StatusCodes.Status400BadRequest);
            if ((await selfHost.PoolsAsync(parsed, ct)).FirstOrDefault(r => r.Pool == poolName) is not { } rate)
                return TypedResults.Problem($"no infra pool '{poolName}' paid for GPU-hours in {parsed}", statusCode: StatusCodes.Status400BadRequest);
            (gpuHour, fixedMonthly) = (rate.GpuHourPrice, fixedMonthly ?? rate.FixedMonthly);
        }
        if (gpuHour is null || inputTps is null || outputTps is null || utilisation is null)
            return TypedResults.Problem("gpuHour (or pool), inputTps, outputTps and utilisation are required", statusCode: StatusCodes.Status400BadRequest);
        var answer = await selfHost.HandleAsync(parsed, Blank(tenant), Blank(feature),
            new FinOps.Domain.WhatIf.SelfHostAssumptions(gpuHour.Value, inputTps.Value, outputTps.Value, utilisation.Value, fixedMonthly ?? 0m), ct);
        return answer.Refusal is { } refusal ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status400BadRequest) : TypedResults.Ok(answer);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<Results<Ok<ModelWhatIfAnswer>, ProblemHttpResult>> GetAsync(string? period, string? model, string? provider, string? tenant, string? feature,
        decimal? inputPrice, decimal? cachedPrice, decimal? outputPrice, string? name, decimal? oneOff, ReportingCalendar calendar, GetModelWhatIf whatIf, CancellationToken ct)
    {
        var input = await calendar.ParseAsync(period, ct);
        if (input.Period is not { } parsed) return TypedResults.Problem(input.Problem, statusCode: StatusCodes.Status400BadRequest);
        if (oneOff is < 0m) return TypedResults.Problem("oneOff cannot be negative", statusCode: StatusCodes.Status400BadRequest);
        var typed = inputPrice is not null || outputPrice is not null || cachedPrice is not null;
        ModelWhatIfAnswer answer;
        if (!typed)
        {
            if (string.IsNullOrWhiteSpace(model)) return TypedResults.Problem("model is required (a catalog name), or a typed-in card's inputPrice and outputPrice", statusCode: StatusCodes.Status400BadRequest);
            if (model.Length > 200) return TypedResults.Problem("model is longer than 200 characters", statusCode: StatusCodes.Status400BadRequest);
            answer = await whatIf.HandleAsync(parsed, model, Blank(provider), Blank(tenant), Blank(feature), ct);
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(model)) return TypedResults.Problem("give model or a typed-in card's prices, not both", statusCode: StatusCodes.Status400BadRequest);
            if (inputPrice is null || outputPrice is null) return TypedResults.Problem("a typed-in card needs inputPrice and outputPrice (per 1M tokens)", statusCode: StatusCodes.Status400BadRequest);
            answer = await whatIf.HandleAsync(parsed, new FinOps.Domain.WhatIf.WhatIfCard("typed-in", Blank(name) ?? "typed-in card", inputPrice.Value, cachedPrice, outputPrice.Value),
                Blank(tenant), Blank(feature), ct);
        }
        return answer.Refusal is { } refusal ? TypedResults.Problem(refusal, statusCode: StatusCodes.Status400BadRequest) : TypedResults.Ok(answer with { OneOffCost = oneOff });
    }
}
