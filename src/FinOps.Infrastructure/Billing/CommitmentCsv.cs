using FinOps.Application.Billing;
using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Billing;

/// <summary>Declared commitments as CSV: <c>provider,commitment,deployment,capacity_tokens_per_minute,effective_from</c> (any order, case-insensitive).</summary>
public static class CommitmentCsv
{
    public static readonly string[] Columns = ["provider", "commitment", "deployment", "capacity_tokens_per_minute", "effective_from"];

    public static (IReadOnlyList<CommitmentRow> Rows, IReadOnlyList<RowProblem> Problems) Read(Stream stream)
    {
        using var csv = CsvTable.Open(stream);
        if (csv.DuplicateHeader is { } duplicate) return ([], [new RowProblem(1, duplicate, $"column {duplicate} appears twice in the header")]);
        var missing = Columns.Where(c => !csv.Has(c)).ToList();
        if (missing.Count > 0) return ([], [new RowProblem(1, missing[0], $"missing required column(s): {string.Join(", ", missing)}")]);
        var rows = new List<CommitmentRow>();
        var problems = new List<RowProblem>();
        while (csv.Read())
        {
            if (rows.Count == ManageCommitments.MaxRows)
            {
                problems.Add(new RowProblem(csv.Line, null, $"more than {ManageCommitments.MaxRows:N0} commitments in one file"));
                break;
            }
            if (csv.MalformedRow<object>() is { } bad) { problems.Add(new RowProblem(bad.Line, bad.Problem?.Column, bad.Problem?.Reason ?? "malformed row")); continue; }
            rows.Add(new CommitmentRow(csv.Line, csv.Get("provider"), csv.Get("commitment"), csv.Get("deployment"), csv.Get("capacity_tokens_per_minute"), csv.Get("effective_from")));
        }
        return (rows, problems);
    }
}
