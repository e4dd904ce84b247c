using Hangfire.Server;
using Serilog.Context;

namespace FinOps.Infrastructure.Jobs;

/// <summary>Puts the Hangfire job id and type on every log event a job writes.</summary>
public sealed class JobLogContextFilter : IServerFilter
{
    private const string ScopeKey = "finops.log-scope";

    public void OnPerforming(PerformingContext context)
    {
        var scope = new CompositeDisposable(
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
