using FinOps.Application.Ingest.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FinOps.Infrastructure.Jobs.Progress;

/// <summary>
/// Listens on the ingest feed's channel for as long as the process shows pages, and hands each notice to the feed's
/// subscribers (the pages' circuits). A lost connection is reopened; notices sent meanwhile are lost, which costs a
/// page progress steps only (the final state is in the database).
/// </summary>
public sealed class IngestFeedListener(NpgsqlDataSource database, IIngestProgressFeed feed, ILogger<IngestFeedListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (feed is not PostgresIngestProgressFeed postgres) return;
        var pause = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (IngestFeedNotice.Parse(e.Payload) is { } notice) postgres.Raise(notice.ToEvent());
                    else log.LogWarning("An ingest feed notice could not be read: {Payload}", e.Payload);
                };
                await using (var listen = new NpgsqlCommand($"listen {PostgresIngestProgressFeed.ChannelName}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                pause = TimeSpan.FromSeconds(1);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The database restarted or the network dropped: try again, backing off to half a minute.
                log.LogWarning(e, "The ingest feed lost its database connection; listening again in {Pause}", pause);
                await Task.Delay(pause, stoppingToken);
                pause = TimeSpan.FromSeconds(Math.Min(30, pause.TotalSeconds * 2));
            }
        }
    }
}
