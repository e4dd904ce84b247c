namespace FinOps.Application.Access;

/// <summary>
/// Marks the current async flow as acting for the organisation (a background job), whatever user context the host
/// has. Set by the job runner around each job, and by use cases that bring shared state up to date for everyone while
/// serving one reader (a team lead's page refreshing the month's cost series); read where contexts are made.
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
