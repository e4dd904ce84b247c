namespace FinOps.Web.Access;

/// <summary>
/// Headers every response carries (OWASP ASVS L2): no content sniffing, no referrer, a content security policy that
/// allows only this site's scripts and no framing (an invoice PDF only by this site's own pages); API answers are never cached.
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

    /// <summary>An invoice PDF is shown inside the invoices page for review: this site, and only it, may frame it.</summary>
    private const string FramedDocumentPolicy = "frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                var framedDocument = path.StartsWithSegments("/api/invoices") && context.Response.ContentType == "application/pdf";
                headers.XFrameOptions = framedDocument ? "SAMEORIGIN" : "DENY";
                headers.ContentSecurityPolicy = framedDocument ? FramedDocumentPolicy
                    : path.StartsWithSegments("/jobs") ? JobsContentSecurityPolicy : ContentSecurityPolicy;
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
