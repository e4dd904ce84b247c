namespace FinOps.Application.Access;

/// <summary>
/// Marks the current async flow as acting for the organisation (a background job), whatever user context the host
/// has. Set by the job runner around each job; read by the web host's <see cref="ICurrentScope"/>.
/// </summary>
public static class SystemExecution
{
    private static readonly AsyncLocal<bool> Active = new();

    public static bool IsActive => Active.Value;

    public static IDisposable Begin()
    {
        var previous = Active.Value;
        Active.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}
