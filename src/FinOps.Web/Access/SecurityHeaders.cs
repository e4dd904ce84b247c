namespace FinOps.Web.Access;

/// <summary>
/// Headers every response carries (OWASP ASVS L2): no content sniffing, no referrer, a content security policy that
/// allows only this site's scripts and no framing; API answers are never cached.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>Pages: scripts and connections only from this site (Blazor's circuit included), inline styles for MudBlazor.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The job dashboard writes inline scripts of its own; it still may not be framed.</summary>
    private const string JobsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = path.StartsWithSegments("/jobs") ? JobsContentSecurityPolicy : ContentSecurityPolicy;
                if (path.StartsWithSegments("/api"))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next();
        });
}
