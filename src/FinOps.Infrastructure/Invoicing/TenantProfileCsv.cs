using FinOps.Application.Invoicing;
using FinOps.Domain.Invoicing;
using FinOps.Infrastructure.Export;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Invoicing;

/// <summary>
/// Tenants' billing profiles as CSV, <c>tenant,legal_name,address,country,tax_id,email,payment_terms_days,po_number</c>
/// (any order, case-insensitive; multi-line addresses quoted). Export writes the same columns, so a file round-trips.
/// </summary>
public static class TenantProfileCsv
{
    public static readonly string[] Columns = ["tenant", "legal_name", "address", "country", "tax_id", "email", "payment_terms_days", "po_number"];
    private static readonly string[] Required = ["tenant", "legal_name"];

    /// <summary>The rows, or the file's structural problem (no header, a required column missing, a malformed row).</summary>
    public static (IReadOnlyList<TenantProfileRow> Rows, IReadOnlyList<ProfileProblem> Problems) Read(Stream stream)
    {
        using var csv = CsvTable.Open(stream, allowLineBreaksInQuotes: true);
        if (csv.DuplicateHeader is { } duplicate) return ([], [new ProfileProblem(1, duplicate, $"column {duplicate} appears twice in the header")]);
        var missing = Required.Where(c => !csv.Has(c)).ToList();
        if (missing.Count > 0) return ([], [new ProfileProblem(1, missing[0], $"missing required column(s): {string.Join(", ", missing)}")]);
        var rows = new List<TenantProfileRow>();
        var problems = new List<ProfileProblem>();
        while (csv.Read())
        {
            if (rows.Count == ManageBillingProfiles.MaxTenantRows)
            {
                problems.Add(new ProfileProblem(csv.Line, null, $"more than {ManageBillingProfiles.MaxTenantRows:N0} tenants in one file"));
                break;
            }
            if (csv.MalformedRow<object>() is { } bad) { problems.Add(new ProfileProblem(bad.Line, bad.Problem?.Column, bad.Problem?.Reason ?? "malformed row")); continue; }
            string? Get(string column) => csv.Has(column) ? csv.Get(column) : null;
            rows.Add(new TenantProfileRow(csv.Line, Get("tenant"), Get("legal_name"), Get("address"), Get("country")?.Trim().ToUpperInvariant(), Get("tax_id"), Get("email"),
                Get("payment_terms_days"), Get("po_number")));
        }
        if (rows.Count == 0 && problems.Count == 0) problems.Add(new ProfileProblem(1, null, "the file has no tenants"));
        return (rows, problems);
    }

    public static async Task WriteAsync(CsvExport csv, IEnumerable<TenantBillingProfile> profiles, CancellationToken cancellationToken)
    {
        csv.Header(Columns);
        foreach (var p in profiles)
        {
            csv.Text(p.Tenant).Text(p.LegalName).Text(p.Address).Text(p.Country).Text(p.TaxId).Text(p.Email).Number(p.PaymentTermsDays).Text(p.PoNumber);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
