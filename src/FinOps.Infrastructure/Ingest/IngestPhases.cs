using System.Diagnostics.Metrics;

namespace FinOps.Infrastructure.Ingest;

/// <summary>
/// Where an ingest's time goes, as an OpenTelemetry-style histogram (meter <c>FinOps.Ingest</c>, instrument
/// <c>finops.ingest.phase.duration</c> in seconds, tagged <c>phase</c>): any metrics exporter can read it, and
/// <c>./finops bench ingest</c> listens to it for its phase report. Parse runs on its own thread, overlapping the COPYs.
/// </summary>
public static class IngestPhases
{
    public const string MeterName = "FinOps.Ingest";
    public const string InstrumentName = "finops.ingest.phase.duration";

    public const string Parse = "parse";
    public const string CopyRows = "copy_rows";
    public const string CopyKeys = "copy_keys";
    public const string RollupMerge = "rollup_merge";
    public const string StagedMerge = "staged_merge";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(InstrumentName, "s", "Time an ingest spent in one phase");

    public static void Record(string phase, TimeSpan elapsed) =>
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("phase", phase));
}
