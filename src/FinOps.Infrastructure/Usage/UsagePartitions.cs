using System.Globalization;
using FinOps.Application.Usage;
using Npgsql;

namespace FinOps.Infrastructure.Usage;

/// <summary>Calls the database's own ensure_token_usage_partition (one definition, shared with ingest).</summary>
internal sealed class UsagePartitions(NpgsqlDataSource database) : IUsagePartitions
{
    public async Task<bool> EnsureAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select ensure_token_usage_partition($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<DateOnly>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select c.relname from pg_inherits i
            join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'token_usage'::regclass
            order by c.relname
            """);
        var months = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // token_usage_YYYY_MM
            var name = reader.GetString(0);
            months.Add(DateOnly.ParseExact(name["token_usage_".Length..] + "_01", "yyyy_MM_dd", CultureInfo.InvariantCulture));
        }
        return months;
    }
}
