using FinOps.Application.Operations;
using Hangfire;
using Prometheus;

namespace FinOps.Web.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus text format: HTTP metrics from prometheus-net, plus FinOps figures read at scrape
/// time from the database and Hangfire storage — so every app server reports the same totals.
/// </summary>
internal static class PrometheusMetrics
{
    private static readonly Counter RowsIngested = Metrics.CreateCounter(
        "finops_rows_ingested_total", "Rows stored by ingest, by kind of input (usage, billing, infra).", "kind");

    private static readonly Counter FilesIngested = Metrics.CreateCounter(
        "finops_files_ingested_total", "Files stored by ingest, by kind of input.", "kind");

    private static readonly Counter JobsSucceeded = Metrics.CreateCounter(
        "finops_jobs_succeeded_total", "Background jobs that succeeded (Hangfire statistics).");

    private static readonly Gauge JobsFailed = Metrics.CreateGauge(
        "finops_jobs_failed", "Background jobs currently in the failed state (Hangfire statistics).");

    private static readonly Gauge JobsEnqueued = Metrics.CreateGauge(
        "finops_jobs_enqueued", "Background jobs waiting in queues.");

    private static readonly Counter SeriesReads = Metrics.CreateCounter(
        "finops_cost_series_cache_reads_total", "Periods of cost series this process read from memory (hit) or from the database (miss).", "result");

    private static readonly Gauge SeriesPoints = Metrics.CreateGauge(
        "finops_cost_series_cache_points", "Cost series points this process holds in memory.");

    public static void MapFinOpsMetrics(this WebApplication app)
    {
        app.UseHttpMetrics();
        var services = app.Services;
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async cancellationToken =>
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var total in await scope.ServiceProvider.GetRequiredService<GetIngestTotals>().HandleAsync(cancellationToken))
            {
                var kind = total.Kind.ToString().ToLowerInvariant();
                RowsIngested.WithLabels(kind).IncTo(total.RowsStored);
                FilesIngested.WithLabels(kind).IncTo(total.Files);
            }

            var series = services.GetRequiredService<FinOps.Application.Costs.CostSeriesCache>();
            SeriesReads.WithLabels("hit").IncTo(series.Hits);
            SeriesReads.WithLabels("miss").IncTo(series.Misses);
            SeriesPoints.Set(series.PointsHeld);

            var statistics = services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics();
            JobsSucceeded.IncTo(statistics.Succeeded);
            JobsFailed.Set(statistics.Failed);
            JobsEnqueued.Set(statistics.Enqueued);
        });
        // Scrapers do not sign in; per-tenant figures published here must stay aggregate, never row-level.
        app.MapMetrics("/metrics").AllowAnonymous();
    }
}
