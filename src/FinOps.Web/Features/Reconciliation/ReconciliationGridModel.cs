using System.Globalization;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;

namespace FinOps.Web.Features.Reconciliation;

/// <summary>The report laid out for the grid: one row per provider × model, one column per window, and totals.</summary>
public sealed class ReconciliationGridModel
{
    public ReconciliationGridModel(ReconciliationReport report)
    {
        Report = report;
        Windows = report.Lines.Select(l => l.WindowStart).Distinct().Order().ToList();
        Rows = report.Lines.Select(l => (l.Provider, l.Model)).Distinct().OrderBy(r => r.Provider).ThenBy(r => r.Model).ToList();
        _cells = report.Lines.ToDictionary(l => (l.Provider, l.Model, l.WindowStart));
    }

    private readonly Dictionary<(string, string, DateTimeOffset), ReconciliationLine> _cells;

    public ReconciliationReport Report { get; }
    public IReadOnlyList<DateTimeOffset> Windows { get; }
    public IReadOnlyList<(string Provider, string Model)> Rows { get; }

    public ReconciliationLine? Cell(string provider, string model, DateTimeOffset window) => _cells.GetValueOrDefault((provider, model, window));

    public decimal BilledCost => Report.Lines.Sum(l => l.BilledCost);
    public decimal ExpectedCost => Report.Lines.Sum(l => l.ExpectedCost ?? 0);
    public decimal BilledTokens => Report.Lines.Sum(l => l.BilledTokens);
    public long LoggedTokens => Report.Lines.Sum(l => l.LoggedTokens);
    public decimal? Coverage => Report.Run.BilledCost == 0 ? null : Report.Run.CoveredCost / Report.Run.BilledCost;

    public int Count(ReconciliationStatus status, bool acknowledged = false) =>
        Report.Lines.Count(l => l.Status == status && (l.Acknowledged is not null) == acknowledged);

    /// <summary>Billed and logged tokens per window across providers: the chart's two lines.</summary>
    public (string[] Labels, double[] Billed, double[] Logged) Series() =>
        (Windows.Select(w => w.UtcDateTime.ToString(Windows.Count > 40 ? "dd HH" : "dd", CultureInfo.InvariantCulture)).ToArray(),
         Windows.Select(w => (double)Report.Lines.Where(l => l.WindowStart == w).Sum(l => l.BilledTokens)).ToArray(),
         Windows.Select(w => (double)Report.Lines.Where(l => l.WindowStart == w).Sum(l => l.LoggedTokens)).ToArray());

    public static string Key(ReconciliationLine line) => $"{line.Provider}|{line.Model}|{line.WindowStart.UtcDateTime:O}";

    public static string CssOf(ReconciliationLine? line) => line switch
    {
        null => "recon-none",
        { Acknowledged: not null } => "recon-acknowledged",
        { Status: ReconciliationStatus.Matched } => "recon-matched",
        { Status: ReconciliationStatus.Mismatch } => "recon-mismatch",
        { Status: ReconciliationStatus.Unlogged } => "recon-unlogged",
        _ => "recon-unbilled",
    };
}
