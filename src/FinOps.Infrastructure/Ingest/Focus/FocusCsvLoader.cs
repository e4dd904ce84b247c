using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Focus;

/// <summary>
/// FOCUS CSV into billing_lines. A newer export replaces, as one set, the current lines of every (provider,
/// billing account, billing period) it contains (SEMANTICS §2); the replaced lines and files stay on record.
/// </summary>
internal sealed class FocusCsvLoader : IStagedFormat
{
    public string Name => FocusCsvFormat.Name;
    public IngestionKind Kind => IngestionKind.Billing;
    public string StageTable => "stage_billing";
    public IReadOnlyList<string> RequiredColumns => FocusCsvFormat.Required;
    public bool Matches(IReadOnlyList<string> headers) => FocusCsvFormat.Matches(headers);

    public async Task StageAsync(NpgsqlConnection connection, CsvTable csv, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken)
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
        foreach (var row in FocusCsvFormat.Read(csv, context.OrganisationCurrency))
        {
            counts.Count(row);
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Line, NpgsqlDbType.Bigint, cancellationToken);
            if (row.Record is not { } r)
            {
                await copy.WriteAsync((object?)row.Problem!.Column ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.Problem.Reason, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.RawText, NpgsqlDbType.Text, cancellationToken);
                for (var i = 0; i < 20; i++) await copy.WriteNullAsync(cancellationToken);
            }
            else
            {
                for (var i = 0; i < 3; i++) await copy.WriteNullAsync(cancellationToken);
                await Text(copy, r.NaturalKey, cancellationToken);
                await Text(copy, r.Provider, cancellationToken);
                await Text(copy, r.BillingAccount, cancellationToken);
                await copy.WriteAsync(r.BillingPeriodStart, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.BillingPeriodEnd, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.ChargePeriodStart, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.ChargePeriodEnd, NpgsqlDbType.TimestampTz, cancellationToken);
                await Text(copy, r.ChargeCategory.ToString(), cancellationToken);
                await Text(copy, r.Service, cancellationToken);
                await Text(copy, r.Sku, cancellationToken);
                await Text(copy, r.ModelText, cancellationToken);
                await Text(copy, r.TokenDirection.ToString(), cancellationToken);
                await copy.WriteAsync((object?)r.Quantity ?? DBNull.Value, NpgsqlDbType.Numeric, cancellationToken);
                await Text(copy, r.Unit, cancellationToken);
                await copy.WriteAsync(r.BilledCost, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(r.EffectiveCost, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync((object?)r.ListCost ?? DBNull.Value, NpgsqlDbType.Numeric, cancellationToken);
                await Text(copy, r.Currency, cancellationToken);
                await Text(copy, r.CommitmentStatus, cancellationToken);
                await copy.WriteAsync((object?)r.Tags ?? DBNull.Value, NpgsqlDbType.Jsonb, cancellationToken);
            }
            onRow();
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task Text(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        copy.WriteAsync((object?)value ?? DBNull.Value, NpgsqlDbType.Text, cancellationToken);

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
