using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Where pages and exports read: the replica FINOPS_DB_READ names, or the primary's own data source when none is set.
/// </summary>
public sealed class ReadDatabase(NpgsqlDataSource source, bool isReplica) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    /// <summary>True when reads go to a connection of their own (a replica), so pages must say how current it is.</summary>
    public bool IsReplica { get; } = isReplica;

    /// <summary>The replica's pool is this object's; the primary's belongs to the container.</summary>
    public ValueTask DisposeAsync() => IsReplica ? Source.DisposeAsync() : ValueTask.CompletedTask;
}
