using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FinOps.Web.Operations;

/// <summary>
/// Where an unhandled error ends: problem details for the API (and any caller asking for JSON), a plain page for
/// people — never an empty 500 and never a stack trace; the trace id ties it to the logged exception.
/// </summary>
internal static class ErrorEndpoints
{
    public const string Path = "/error";

    public static void MapErrorEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, Handle).AllowAnonymous().ExcludeFromDescription();

    private static Results<ProblemHttpResult, ContentHttpResult> Handle(HttpContext http)
    {
        var failure = http.Features.Get<IExceptionHandlerPathFeature>();
        var failedPath = failure?.Path ?? "";
        var trace = Activity.Current?.Id ?? http.TraceIdentifier;
        // A malformed request keeps its 4xx and its reason (the framework's words about the request, never a stack).
        if (failure?.Error is BadHttpRequestException bad)
            return TypedResults.Problem(title: "The request cannot be processed", statusCode: bad.StatusCode, detail: bad.Message,
                extensions: new Dictionary<string, object?> { ["traceId"] = trace });
        var wantsJson = failedPath.StartsWith("/api", StringComparison.Ordinal) || http.Request.Headers.Accept.ToString().Contains("json");
        if (wantsJson)
            return TypedResults.Problem(title: "Something went wrong on the server", statusCode: StatusCodes.Status500InternalServerError,
                detail: $"The error is logged under trace {trace}; nothing was half-written.", extensions: new Dictionary<string, object?> { ["traceId"] = trace });
        var html = $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Something went wrong · FinOps</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
            <body><h1 data-testid="error-page">Something went wrong</h1>
            <p>The page could not be shown. The error is logged under trace <code>{{System.Net.WebUtility.HtmlEncode(trace)}}</code>: give it to your administrator.</p>
            <p><a href="/">Back to FinOps</a></p></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status500InternalServerError);
    }
}
