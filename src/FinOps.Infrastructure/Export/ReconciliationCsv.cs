using FinOps.Application.Reconciliation;

namespace FinOps.Infrastructure.Export;

/// <summary>
/// The reconciliation CSV contract (`./finops reconcile --format csv` and the page's export): these columns, in this
/// order; logged input is uncached input; expected_cost is empty where a model has no price card.
/// </summary>
public static class ReconciliationCsv
{
    public static readonly string[] Columns =
    [
        "provider", "model", "window_start", "window_end", "billed_input_tokens", "billed_output_tokens", "billed_cached_input_tokens",
        "logged_input_tokens", "logged_output_tokens", "logged_cached_input_tokens", "billed_cost", "expected_cost", "currency", "status",
    ];

    public static async Task WriteAsync(CsvExport csv, ReconciliationReport report, CancellationToken cancellationToken)
    {
        csv.Header(Columns);
        foreach (var l in report.Lines)
        {
            csv.Text(l.Provider).Text(l.Model).Instant(l.WindowStart).Instant(l.WindowEnd)
                .Number(l.BilledInputTokens).Number(l.BilledOutputTokens).Number(l.BilledCachedInputTokens)
                .Number(l.LoggedInputTokens).Number(l.LoggedOutputTokens).Number(l.LoggedCachedInputTokens)
                .Number(l.BilledCost).Number(l.ExpectedCost).Text(l.Currency).Text(l.Status.ToString().ToLowerInvariant());
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
