namespace FinOps.Domain.Access;

/// <summary>
/// Which tenants' rows a caller may read. Every tenant-bearing query is filtered by it in one place (the
/// database context), so a page or API cannot forget it.
/// </summary>
public sealed record AccessScope
{
    private AccessScope(bool isUnrestricted, IReadOnlyList<long> tenantIds)
    {
        IsUnrestricted = isUnrestricted;
        TenantIds = tenantIds;
    }

    /// <summary>Finance admins, background jobs and the CLI operator.</summary>
    public static AccessScope Unrestricted { get; } = new(true, []);

    /// <summary>Not signed in, or no tenant assigned: no tenant rows at all.</summary>
    public static AccessScope Nothing { get; } = new(false, []);

    public static AccessScope OfTenants(IEnumerable<long> tenantIds) => new(false, tenantIds.Distinct().Order().ToArray());

    public bool IsUnrestricted { get; }

    /// <summary>The tenants a restricted scope allows (empty when unrestricted: see <see cref="IsUnrestricted"/>).</summary>
    public IReadOnlyList<long> TenantIds { get; }

    public bool Allows(long tenantId) => IsUnrestricted || TenantIds.Contains(tenantId);

    public bool Equals(AccessScope? other) =>
        other is not null && IsUnrestricted == other.IsUnrestricted && TenantIds.SequenceEqual(other.TenantIds);

    public override int GetHashCode() => HashCode.Combine(IsUnrestricted, TenantIds.Count);
}
