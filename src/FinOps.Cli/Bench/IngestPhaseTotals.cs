using System.Diagnostics.Metrics;
using FinOps.Infrastructure.Ingest;

namespace FinOps.Cli.Bench;

/// <summary>Sums the ingest's phase durations (the <see cref="IngestPhases"/> histogram) while it is alive, for the bench's report.</summary>
internal sealed class IngestPhaseTotals : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _seconds = [];
    private readonly Lock _gate = new();

    public IngestPhaseTotals()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: IngestPhases.MeterName, Name: IngestPhases.InstrumentName }) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag is { Key: "phase", Value: string phase })
                    lock (_gate) _seconds[phase] = _seconds.GetValueOrDefault(phase) + seconds;
        });
        _listener.Start();
    }

    /// <summary>Seconds per phase, rounded to hundredths.</summary>
    public IReadOnlyDictionary<string, double> Seconds()
    {
        lock (_gate) return _seconds.ToDictionary(p => p.Key, p => Math.Round(p.Value, 2));
    }

    /// <summary>Each phase's seconds and the rest of the whole (hashing the file, recording it, the catalog); parse overlaps the COPYs.</summary>
    public string Report(TimeSpan whole)
    {
        var seconds = Seconds();
        var serial = seconds.Where(p => p.Key != IngestPhases.Parse).Sum(p => p.Value);
        var parts = seconds.Select(p => $"{p.Key.Replace('_', ' ')} {p.Value:0.00} s").ToList();
        parts.Add($"other {Math.Max(0, whole.TotalSeconds - serial):0.00} s (parse overlaps the COPYs)");
        return string.Join(", ", parts);
    }

    public void Dispose() => _listener.Dispose();
}
