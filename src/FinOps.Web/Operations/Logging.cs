using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace FinOps.Web.Operations;

/// <summary>
/// Structured logs to the console (human) and a daily rolling file (compact JSON, every property). Every event
/// carries <c>User</c> and <c>JobId</c> ("-" outside a request or job). Connection strings are never logged.
/// </summary>
internal static class Logging
{
    private const string ConsoleTemplate =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} (user={User} job={JobId}){NewLine}{Exception}";

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, string contentRoot)
    {
        var directory = configuration["FINOPS_LOG_DIR"] is { Length: > 0 } configured ? configured : Path.Combine(contentRoot, "logs");
        return logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("User", "-")
            .Enrich.WithProperty("JobId", "-")
            .WriteTo.Console(outputTemplate: ConsoleTemplate)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(directory, "finops-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, fileSizeLimitBytes: 100 * 1024 * 1024,
                rollOnFileSizeLimit: true,
                // Web and worker processes on one host may share the folder: each appends whole events.
                shared: true);
    }

    /// <summary>Names the signed-in user (or "anonymous") on every event of an HTTP request.</summary>
    public static IApplicationBuilder UseUserLogContext(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (LogContext.PushProperty("User", UserName(context.User)))
                await next(context);
        });

    public static string UserName(System.Security.Claims.ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";
}
