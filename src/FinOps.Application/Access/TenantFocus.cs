using FinOps.Domain.Access;

namespace FinOps.Application.Access;

/// <summary>
/// Narrows the caller's scope to one tenant for the current async flow, so the dashboards' use cases answer for that
/// tenant alone (its portal) without knowing it. Only ever narrows: a tenant outside the caller's scope leaves nothing.
/// </summary>
public static class TenantFocus
{
    private static readonly AsyncLocal<long?> Focused = new();

    public static IDisposable On(long tenantId)
    {
        var previous = Focused.Value;
        Focused.Value = tenantId;
        return new Restore(previous);
    }

    /// <summary>The scope a context gets: the caller's, narrowed to the focused tenant when there is one.</summary>
    public static AccessScope Narrow(AccessScope scope) => Focused.Value is not { } tenant ? scope
        : scope.Allows(tenant) ? AccessScope.OfTenants([tenant]) : AccessScope.Nothing;

    private sealed class Restore(long? previous) : IDisposable
    {
        public void Dispose() => Focused.Value = previous;
    }
}
