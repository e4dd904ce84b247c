using FinOps.Domain.Ingest;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Billing;

/// <summary>A vendor billing format (CSV or JSON): recognise it and read its records as normalised billing lines.</summary>
internal interface IBillingCsvFormat
{
    string Name { get; }
    IReadOnlyList<string> RequiredColumns { get; }
    bool Matches(IngestInput input);
    IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency);

    /// <summary>Cost exports are Billing; a vendor usage report (tokens, no cost) is VendorUsage.</summary>
    IngestionKind Kind => IngestionKind.Billing;
}

/// <summary>
/// Any billing CSV into billing_lines. A newer export replaces, as one set, the current lines of every (provider,
/// billing account, billing period) it contains (SEMANTICS §2); the replaced lines and files stay on record.
/// </summary>
internal sealed class BillingCsvLoader(IBillingCsvFormat format) : IStagedFormat
{
    public string Name => format.Name;
    public IngestionKind Kind => format.Kind;
    public string StageTable => "stage_billing";
    public IReadOnlyList<string> RequiredColumns => format.RequiredColumns;
    public bool Matches(IngestInput input) => format.Matches(input);

    public async Task StageAsync(NpgsqlConnection connection, IngestInput input, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("""
            create temp table stage_billing (
                line bigint not null, problem_column text, problem_reason text, raw text,
                natural_key text, provider text, billing_account text, billing_period_start timestamptz, billing_period_end timestamptz,
                charge_period_start timestamptz, charge_period_end timestamptz, charge_category text, service text, sku text,
                model_text text, token_direction text, quantity numeric, unit text, billed_cost numeric, effective_cost numeric,
                list_cost numeric, currency text, commitment_status text, tags jsonb
            ) on commit drop
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        await using var copy = await connection.BeginBinaryImportAsync("copy stage_billing from stdin (format binary)", cancellationToken);
        // Synchronous writes into the importer's buffer, which flushes to the server as it fills.
        foreach (var row in context.Bounds.Apply(format.Read(input, context.OrganisationCurrency)))
        {
            counts.Count(row);
            if (StagingRow.Begin(copy, row, 20) is { } r)
            {
                Text(copy, r.NaturalKey);
                Text(copy, r.Provider);
                Text(copy, r.BillingAccount);
                copy.Write(r.BillingPeriodStart, NpgsqlDbType.TimestampTz);
                copy.Write(r.BillingPeriodEnd, NpgsqlDbType.TimestampTz);
                copy.Write(r.ChargePeriodStart, NpgsqlDbType.TimestampTz);
                copy.Write(r.ChargePeriodEnd, NpgsqlDbType.TimestampTz);
                Text(copy, r.ChargeCategory.ToString());
                Text(copy, r.Service);
                Text(copy, r.Sku);
                Text(copy, r.ModelText);
                Text(copy, r.TokenDirection.ToString());
                copy.Write((object?)r.Quantity ?? DBNull.Value, NpgsqlDbType.Numeric);
                Text(copy, r.Unit);
                copy.Write(r.BilledCost, NpgsqlDbType.Numeric);
                copy.Write(r.EffectiveCost, NpgsqlDbType.Numeric);
                copy.Write((object?)r.ListCost ?? DBNull.Value, NpgsqlDbType.Numeric);
                Text(copy, r.Currency);
                Text(copy, r.CommitmentStatus);
                copy.Write((object?)r.Tags ?? DBNull.Value, NpgsqlDbType.Jsonb);
            }
            onRow();
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static void Text(NpgsqlBinaryImporter copy, string? value) =>
        copy.Write((object?)value ?? DBNull.Value, NpgsqlDbType.Text);

    public async Task<MergeCounts> MergeAsync(NpgsqlConnection connection, long fileId, CancellationToken cancellationToken)
    {
        foreach (var statement in BillingMergeSql.InOrder)
        {
            await using var step = new NpgsqlCommand(statement, connection);
            if (statement.Contains("$1")) step.Parameters.Add(new() { Value = fileId });
            await step.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var merge = new NpgsqlCommand(BillingMergeSql.InsertLines, connection) { Parameters = { new() { Value = fileId } } };
        await using var reader = await merge.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new MergeCounts(Stored: reader.GetInt64(0), Duplicates: 0, Conflicts: 0, SupersededLines: reader.GetInt64(1));
    }
}
