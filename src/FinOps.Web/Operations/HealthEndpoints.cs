using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FinOps.Web.Operations;

internal static class HealthEndpoints
{
    public static IServiceCollection AddFinOpsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<HangfireStorageHealthCheck>("jobs");
        return services;
    }

    /// <summary><c>/healthz</c>: JSON per check, 503 when any is unhealthy; <c>/health</c>: the plain word, for simple probes.</summary>
    public static void MapFinOpsHealth(this IEndpointRouteBuilder endpoints)
    {
        // Probes and scrapers do not sign in; these answer health only, never tenant data.
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health").AllowAnonymous();
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
