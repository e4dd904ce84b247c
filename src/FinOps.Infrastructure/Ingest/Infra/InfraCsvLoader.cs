using FinOps.Domain.Ingestion;
using FinOps.Infrastructure.Ingest.Csv;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Ingest.Infra;

/// <summary>Canonical infra-cost CSV into infra_costs: every good row of the file, with its file and line.</summary>
internal sealed class InfraCsvLoader : IStagedFormat
{
    public string Name => InfraCsvFormat.Name;
    public IngestionKind Kind => IngestionKind.Infra;
    public string StageTable => "stage_infra";
    public IReadOnlyList<string> RequiredColumns => InfraCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && InfraCsvFormat.Matches(csv.Headers);

    public async Task StageAsync(NpgsqlConnection connection, IngestInput input, StageContext context, StageCounts counts, Action onRow, CancellationToken cancellationToken)
    {
        var csv = input.Csv ?? throw new InvalidOperationException($"{Name} reads CSV");
        await using (var create = new NpgsqlCommand("""
            create temp table stage_infra (
                line bigint not null, problem_column text, problem_reason text, raw text,
                pool text, category text, period_start timestamptz, period_end timestamptz, quantity numeric, unit text,
                unit_price numeric, amount numeric, currency text, description text
            ) on commit drop
            """, connection))
            await create.ExecuteNonQueryAsync(cancellationToken);

        await using var copy = await connection.BeginBinaryImportAsync("copy stage_infra from stdin (format binary)", cancellationToken);
        // Synchronous writes into the importer's buffer, which flushes to the server as it fills.
        foreach (var row in context.Bounds.Apply(InfraCsvFormat.Read(csv, context.OrganisationCurrency)))
        {
            counts.Count(row);
            if (StagingRow.Begin(copy, row, 10) is { } r)
            {
                copy.Write(r.Pool, NpgsqlDbType.Text);
                copy.Write(r.Category.ToString(), NpgsqlDbType.Text);
                copy.Write(r.PeriodStart, NpgsqlDbType.TimestampTz);
                copy.Write(r.PeriodEnd, NpgsqlDbType.TimestampTz);
                copy.Write((object?)r.Quantity ?? DBNull.Value, NpgsqlDbType.Numeric);
                copy.Write((object?)r.Unit ?? DBNull.Value, NpgsqlDbType.Text);
                copy.Write((object?)r.UnitPrice ?? DBNull.Value, NpgsqlDbType.Numeric);
                copy.Write(r.Amount, NpgsqlDbType.Numeric);
                copy.Write(r.Currency, NpgsqlDbType.Text);
                copy.Write((object?)r.Description ?? DBNull.Value, NpgsqlDbType.Text);
            }
            onRow();
        }
        await copy.CompleteAsync(cancellationToken);
    }

    public async Task<MergeCounts> MergeAsync(NpgsqlConnection connection, long fileId, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            insert into infra_costs (file_id, line_number, pool, category, period_start, period_end, quantity, unit,
                                     unit_price, amount, currency, description)
            select $1, line, pool, category, period_start, period_end, quantity, unit, unit_price, amount, currency, description
            from stage_infra where problem_reason is null
            """, connection) { Parameters = { new() { Value = fileId } } };
        var stored = await insert.ExecuteNonQueryAsync(cancellationToken);
        return new MergeCounts(stored, 0, 0, 0);
    }
}
