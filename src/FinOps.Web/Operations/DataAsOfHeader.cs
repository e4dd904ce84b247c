using System.Globalization;
using FinOps.Application.Abstractions;

namespace FinOps.Web.Operations;

/// <summary>
/// When reads go to a replica, every API read and export says how current its data is in <c>X-Data-As-Of</c> (UTC,
/// ISO 8601), and <c>X-Data-Behind-Seconds</c> while the replica lags, so scripts can wait or warn.
/// </summary>
public static class DataAsOfHeader
{
    public const string AsOf = "X-Data-As-Of";
    public const string Behind = "X-Data-Behind-Seconds";

    public static IApplicationBuilder UseDataAsOfHeader(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/api"))
            {
                var freshness = context.RequestServices.GetRequiredService<IDataFreshness>();
                context.Response.OnStarting(async () =>
                {
                    if (await freshness.GetAsync(context.RequestAborted) is not { } asOf) return;
                    context.Response.Headers[AsOf] = asOf.AsOf.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    if (!asOf.CaughtUp)
                        context.Response.Headers[Behind] = Math.Floor(asOf.Behind.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                });
            }
            await next(context);
        });
}
