using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace FinOps.Web.Access;

/// <summary>
/// A per-address limit on sign-in attempts, on top of the per-account lockout: one address cannot try password
/// after password across many accounts. Beyond the limit the form says to wait (the page) or 429 (a script).
/// </summary>
internal static class SignInThrottle
{
    public const string Policy = "sign-in";
    public const int AttemptsPerMinute = 60;

    public static IServiceCollection AddSignInThrottle(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = AttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = (context, _) =>
            {
                var response = context.HttpContext.Response;
                if (context.HttpContext.Request.HasFormContentType && context.HttpContext.Request.Headers.Accept.ToString().Contains("text/html"))
                {
                    response.StatusCode = StatusCodes.Status303SeeOther;
                    response.Headers.Location = "/account/login?error=throttled";
                }
                else response.StatusCode = StatusCodes.Status429TooManyRequests;
                return ValueTask.CompletedTask;
            };
        });
}
