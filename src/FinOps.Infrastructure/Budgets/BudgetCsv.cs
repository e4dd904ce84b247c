using FinOps.Application.Budgets;
using FinOps.Domain.Budgets;
using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Export;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Budgets;

/// <summary>
/// The budgets CSV, <c>tenant,feature,period,amount,currency,thresholds,until</c> in any order (case-insensitive):
/// read with every problem by line and column; export writes the same columns, so a file round-trips.
/// </summary>
public static class BudgetCsv
{
    public static readonly string[] Columns = ["tenant", "feature", "period", "amount", "currency", "thresholds", "until"];
    private static readonly string[] Required = ["tenant", "period", "amount", "currency"];

    /// <summary>At most this many budgets per file: a budget file is a page of finance's plan, not a data dump.</summary>
    public const int MaxRows = 100_000;

    public static IReadOnlyList<ParsedRow<BudgetRow>> Read(Stream stream)
    {
        using var csv = CsvTable.Open(stream);
        var missing = Required.Where(c => !csv.Has(c)).ToList();
        if (missing.Count > 0)
            return [ParsedRow<BudgetRow>.Bad(1, missing[0], $"missing required column(s): {string.Join(", ", missing)}", string.Join(",", csv.Headers))];
        var rows = new List<ParsedRow<BudgetRow>>();
        while (csv.Read())
        {
            if (rows.Count == MaxRows)
            {
                rows.Add(ParsedRow<BudgetRow>.Bad(csv.Line, null, $"more than {MaxRows:N0} budgets in one file", ""));
                break;
            }
            rows.Add(Parse(csv));
        }
        if (rows.Count == 0) rows.Add(ParsedRow<BudgetRow>.Bad(1, null, "the file has no budgets", string.Join(",", csv.Headers)));
        return rows;
    }

    private static ParsedRow<BudgetRow> Parse(CsvTable csv)
    {
        var line = csv.Line;
        ParsedRow<BudgetRow> Bad(string column, string reason) => ParsedRow<BudgetRow>.Bad(line, column, reason, csv.RawText);

        var tenant = csv.Get("tenant")?.Trim();
        if (string.IsNullOrEmpty(tenant)) return Bad("tenant", "a tenant is required");
        var feature = csv.Has("feature") ? csv.Get("feature")?.Trim() : null;
        var period = csv.Get("period")?.Trim() ?? "";
        if (!Fields.TryDecimal(csv.Get("amount"), out var amount, out var why)) return Bad("amount", why);
        if (amount < 0) return Bad("amount", $"a budget cannot be negative ({amount})");
        if (amount > 1_000_000_000_000m) return Bad("amount", $"{amount} is beyond any budget (at most 1,000,000,000,000)");
        var currency = csv.Get("currency")?.Trim().ToUpperInvariant() ?? "";
        var (thresholds, problem) = BudgetThresholds.Parse(csv.Has("thresholds") ? csv.Get("thresholds") : null);
        if (thresholds is null) return Bad("thresholds", problem!);
        var until = csv.Has("until") ? csv.Get("until")?.Trim() : null;
        return ParsedRow<BudgetRow>.Good(line, new BudgetRow(tenant, string.IsNullOrEmpty(feature) ? null : feature, period, amount, currency, thresholds,
            string.IsNullOrEmpty(until) ? null : until), "");
    }

    public static async Task WriteAsync(CsvExport csv, IEnumerable<BudgetRow> budgets, int currencyDigits, CancellationToken cancellationToken)
    {
        csv.Header(Columns);
        foreach (var b in budgets)
        {
            csv.Text(b.Tenant).Text(b.Feature).Text(b.Period).Money(b.Amount, currencyDigits).Text(b.Currency).Text(BudgetThresholds.Format(b.Thresholds)).Text(b.Until);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
