using FinOps.Application.Access;
using Hangfire.Server;
using Serilog.Context;

namespace FinOps.Infrastructure.Jobs;

/// <summary>
/// Around every Hangfire job: marks the flow as system execution (jobs act for the organisation, so they see every
/// tenant) and puts the job id and type on every log event the job writes.
/// </summary>
public sealed class JobLogContextFilter : IServerFilter
{
    private const string ScopeKey = "finops.log-scope";

    public void OnPerforming(PerformingContext context)
    {
        var scope = new CompositeDisposable(
            SystemExecution.Begin(),
            LogContext.PushProperty("JobId", context.BackgroundJob.Id),
            LogContext.PushProperty("JobType", context.BackgroundJob.Job.Type.Name),
            LogContext.PushProperty("User", "system"));
        context.Items[ScopeKey] = scope;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(ScopeKey, out var scope)) ((IDisposable)scope).Dispose();
    }

    private sealed class CompositeDisposable(params IDisposable[] parts) : IDisposable
    {
        public void Dispose()
        {
            for (var i = parts.Length - 1; i >= 0; i--) parts[i].Dispose();
        }
    }
}
