using System.Threading.Channels;
using FinOps.Application.Ingest.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FinOps.Infrastructure.Jobs.Progress;

/// <summary>
/// The ingest feed across processes: a job publishes with PostgreSQL NOTIFY from whichever worker runs it, and every
/// web process hears it through <see cref="IngestFeedListener"/>, which raises <see cref="Published"/> for its pages.
/// Publishing never blocks the pipeline: events queue here and one sender sends them in order, so a file's progress
/// never arrives after its outcome. A notice lost to a dropped connection costs a page a progress step, not the
/// result: the queued file's row keeps the final state.
/// </summary>
public sealed class PostgresIngestProgressFeed : IIngestProgressFeed, IAsyncDisposable
{
    public const string ChannelName = "finops_ingest_feed";

    /// <summary>Progress comes every 20,000 rows per file; far more than that waiting means the database is gone.</summary>
    private const int MaxWaiting = 10_000;

    private readonly NpgsqlDataSource _database;
    private readonly ILogger<PostgresIngestProgressFeed> _log;
    private readonly Channel<IngestFeedEvent> _outbox =
        Channel.CreateBounded<IngestFeedEvent>(new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Lazy<Task> _sender;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public PostgresIngestProgressFeed(NpgsqlDataSource database, ILogger<PostgresIngestProgressFeed> log)
    {
        (_database, _log) = (database, log);
        _sender = new Lazy<Task>(() => Task.Run(() => SendAsync(_stopping.Token)));
    }

    /// <summary>Who sent a notice: the machine and process, so logs and tests can tell the workers apart.</summary>
    public static string Sender { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public event Action<IngestFeedEvent>? Published;

    public void Publish(IngestFeedEvent update)
    {
        _outbox.Writer.TryWrite(update);
        _ = _sender.Value;
    }

    /// <summary>Called by the listener for every notice heard, this process's own included.</summary>
    internal void Raise(IngestFeedEvent update)
    {
        // One page's failing handler must not stop the others hearing, nor the listener listening.
        foreach (var handler in Published?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<IngestFeedEvent>)handler)(update);
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "A subscriber to the ingest feed failed on queued file {QueuedFileId}", update.QueuedFileId);
            }
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            await foreach (var update in _outbox.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    connection ??= await _database.OpenConnectionAsync(cancellationToken);
                    await using var notify = new NpgsqlCommand("select pg_notify(@channel, @payload)", connection);
                    notify.Parameters.AddWithValue("channel", ChannelName);
                    notify.Parameters.AddWithValue("payload", IngestFeedNotice.From(update, Sender).ToPayload());
                    await notify.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    _log.LogWarning(e, "Ingest progress for queued file {QueuedFileId} was not sent: {Reason}", update.QueuedFileId, e.Message);
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may hand this out under two service types and dispose it for each.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _outbox.Writer.TryComplete();
        if (_sender.IsValueCreated)
        {
            // What is queued is sent first: a worker that stops after its last file still tells the pages.
            await Task.WhenAny(_sender.Value, Task.Delay(TimeSpan.FromSeconds(5)));
        }
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }
}
