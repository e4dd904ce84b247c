using System.ComponentModel;
using FinOps.Application.Notifications;
using Hangfire;
using Hangfire.Server;

namespace FinOps.Infrastructure.Jobs;

/// <summary>
/// One delivery attempt; Hangfire retries a failure after 10 s, 1 min, 5 min, 30 min, 2 h and 6 h (exponential),
/// and the last attempt records the delivery as failed.
/// </summary>
public sealed class DeliverWebhookJob(DeliverWebhook deliver)
{
    public static readonly int[] RetryDelaysInSeconds = [10, 60, 300, 1800, 7200, 21600];

    [AutomaticRetry(Attempts = 6, DelaysInSeconds = [10, 60, 300, 1800, 7200, 21600], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisplayName("Deliver webhook #{0}")]
    public Task RunAsync(long deliveryId, PerformContext? context, CancellationToken cancellationToken)
    {
        var retried = context?.GetJobParameter<int>("RetryCount") ?? 0;
        return deliver.HandleAsync(deliveryId, finalAttempt: retried >= RetryDelaysInSeconds.Length, cancellationToken);
    }
}

internal sealed class HangfireWebhookScheduler(IBackgroundJobClient jobs) : IWebhookScheduler
{
    public void Enqueue(long deliveryId) => jobs.Enqueue<DeliverWebhookJob>(job => job.RunAsync(deliveryId, null, CancellationToken.None));
}

/// <summary>Without a job storage (tests of other parts), deliveries stay pending and visible.</summary>
internal sealed class NoWebhookScheduler : IWebhookScheduler
{
    public void Enqueue(long deliveryId) { }
}
