using FinOps.Application.Abstractions;
using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// How far behind the replica pages read is. Caught up (it has replayed all the WAL it received): as of now. Lagging:
/// as of the commit time of the last transaction it replayed. Asked at most every two seconds per process.
/// </summary>
internal sealed class ReplicaFreshness(ReadDatabase read, TimeProvider clock) : IDataFreshness
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(2);
    // A reference, so requests on other threads read a whole answer or none (a struct this size could tear).
    private Remembered? _last;

    private sealed record Remembered(DateTimeOffset At, DataAsOf Value);

    public async Task<DataAsOf?> GetAsync(CancellationToken cancellationToken)
    {
        if (!read.IsReplica) return null;
        var now = clock.GetUtcNow();
        if (_last is { } last && now - last.At < Reuse) return last.Value;

        await using var connection = await read.Source.OpenConnectionAsync(cancellationToken);
        await using var ask = new NpgsqlCommand("""
            select pg_is_in_recovery() and pg_last_wal_receive_lsn() is distinct from pg_last_wal_replay_lsn(),
                   coalesce(pg_last_xact_replay_timestamp(), now()), now()
            """, connection);
        await using var reader = await ask.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var lagging = reader.GetBoolean(0);
        var replayed = reader.GetFieldValue<DateTimeOffset>(1);
        var serverNow = reader.GetFieldValue<DateTimeOffset>(2);
        var asOf = lagging ? replayed : serverNow;
        var value = new DataAsOf(asOf, !lagging, lagging ? serverNow - replayed : TimeSpan.Zero);
        _last = new Remembered(now, value);
        return value;
    }
}
