using FinOps.Application.Ingest.Channels;
using Npgsql;

namespace FinOps.Infrastructure.Jobs;

/// <summary>
/// Claims are PostgreSQL session advisory locks held on a connection of their own for the length of the job: every
/// worker on the database sees them, and the server drops them when the holder's connection goes.
/// </summary>
internal sealed class QueuedFileClaims(NpgsqlDataSource database) : IQueuedFileClaims
{
    /// <summary>
    /// Claims live above every 32-bit key (the other advisory locks here are hashtext values), so they never collide.
    /// </summary>
    private const long QueuedFileKeyBase = 1L << 48;

    public async Task<IAsyncDisposable?> TryClaimAsync(long queuedFileId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", QueuedFileKeyBase + queuedFileId);
            if (await take.ExecuteScalarAsync(cancellationToken) is true) return new Claim(connection, queuedFileId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Claim(NpgsqlConnection connection, long queuedFileId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var release = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
                release.Parameters.AddWithValue("key", QueuedFileKeyBase + queuedFileId);
                await release.ExecuteScalarAsync();
            }
            finally
            {
                // If the unlock failed the connection is broken, and the server ends the lock with the session.
                await connection.DisposeAsync();
            }
        }
    }
}
