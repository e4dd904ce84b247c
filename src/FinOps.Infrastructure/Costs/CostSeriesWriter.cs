using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Domain.Allocation;
using FinOps.Domain.Costs;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace FinOps.Infrastructure.Costs;

/// <summary>A refresh's points by binary COPY on the context's own connection, so they commit or roll back with its transaction.</summary>
internal sealed class CostSeriesWriter : ICostSeriesWriter
{
    public async Task WriteAsync(IFinOpsDbContext db, string period, IReadOnlyList<DailyCostLine> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return;
        var connection = (NpgsqlConnection)((DbContext)db).Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy cost_series (period, day, line_key, line_type, tenant, feature, provider, model, pool, adjusts_period, cost, estimated) from stdin (format binary)",
            cancellationToken);
        foreach (var line in lines)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(period, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Day, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(line.Line.Key, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(StatementLine.TypeName(line.Line.Type), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Line.Tenant, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Line.Feature, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Line.Provider, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Line.Model, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Line.Pool, NpgsqlDbType.Varchar, cancellationToken);
            if (line.Line.AdjustsPeriod is null) await copy.WriteNullAsync(cancellationToken);
            else await copy.WriteAsync(line.Line.AdjustsPeriod, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(line.Cost, NpgsqlDbType.Numeric, cancellationToken);
            await copy.WriteAsync(line.Estimated, NpgsqlDbType.Numeric, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }
}
