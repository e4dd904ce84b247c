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

    public async Task<long> DropAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("select drop_token_usage_partition($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyDictionary<DateOnly, long>> SizesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            select c.relname, pg_total_relation_size(c.oid) from pg_inherits i
            join pg_class c on c.oid = i.inhrelid
            where i.inhparent = 'token_usage'::regclass
            """);
        var sizes = new Dictionary<DateOnly, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) sizes[MonthOf(reader.GetString(0))] = reader.GetInt64(1);
        return sizes;
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
        while (await reader.ReadAsync(cancellationToken)) months.Add(MonthOf(reader.GetString(0)));
        return months;
    }

    /// <summary>token_usage_YYYY_MM → the month's first day.</summary>
    private static DateOnly MonthOf(string partition) =>
        DateOnly.ParseExact(partition["token_usage_".Length..] + "_01", "yyyy_MM_dd", CultureInfo.InvariantCulture);
}
