using FinOps.Application.Billing;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Export;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Billing;

/// <summary>
/// Vendor key mappings as CSV, <c>provider,kind,value,tenant,feature,effective_from</c> (any order, case-insensitive;
/// tenant empty ends the key's mapping from that day; feature empty sends unmatched cost to the tenant's unassigned
/// feature). Export writes the same columns, one row per version, so a file round-trips.
/// </summary>
public static class KeyMappingCsv
{
    public static readonly string[] Columns = ["provider", "kind", "value", "tenant", "feature", "effective_from"];
    private static readonly string[] Required = ["provider", "kind", "value", "tenant", "effective_from"];

    public static (IReadOnlyList<KeyMappingRow> Rows, IReadOnlyList<RowProblem> Problems) Read(Stream stream)
    {
        using var csv = CsvTable.Open(stream);
        if (csv.DuplicateHeader is { } duplicate) return ([], [new RowProblem(1, duplicate, $"column {duplicate} appears twice in the header")]);
        var missing = Required.Where(c => !csv.Has(c)).ToList();
        if (missing.Count > 0) return ([], [new RowProblem(1, missing[0], $"missing required column(s): {string.Join(", ", missing)}")]);
        var rows = new List<KeyMappingRow>();
        var problems = new List<RowProblem>();
        while (csv.Read())
        {
            if (rows.Count == ManageKeyMappings.MaxRows)
            {
                problems.Add(new RowProblem(csv.Line, null, $"more than {ManageKeyMappings.MaxRows:N0} mappings in one file"));
                break;
            }
            if (csv.MalformedRow<object>() is { } bad) { problems.Add(new RowProblem(bad.Line, bad.Problem?.Column, bad.Problem?.Reason ?? "malformed row")); continue; }
            string? Get(string column) => csv.Has(column) ? csv.Get(column) : null;
            rows.Add(new KeyMappingRow(csv.Line, Get("provider"), Get("kind"), Get("value"), Get("tenant"), Get("feature"), Get("effective_from")));
        }
        return (rows, problems);
    }

    public static async Task WriteAsync(CsvExport csv, IEnumerable<KeyMapping> mappings, CancellationToken cancellationToken)
    {
        csv.Header(Columns);
        foreach (var m in mappings)
        {
            csv.Text(m.Key.Provider).Text(m.Key.Kind).Text(m.Key.Value).Text(m.Tenant).Text(m.Feature).Day(m.EffectiveFrom);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
