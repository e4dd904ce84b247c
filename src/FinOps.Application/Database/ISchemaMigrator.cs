namespace FinOps.Application.Database;

/// <summary>Applies the EF Core migrations, the only way the schema changes.</summary>
public interface ISchemaMigrator
{
    Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Applies pending migrations; <paramref name="progress"/> hears each migration's name before it runs.</summary>
    Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken);

    /// <summary>A warning when the app's own connection is a superuser or the schema's owner (it works, but could disable the guards); null otherwise.</summary>
    Task<string?> RoleWarningAsync(CancellationToken cancellationToken);
}

public sealed record SchemaStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending)
{
    public bool IsCurrent => Pending.Count == 0;
}

/// <summary>Thrown by anything that needs the schema while migrations are pending.</summary>
public sealed class SchemaBehindException(int pending)
    : InvalidOperationException($"The database schema is behind by {pending} migration(s): run ./finops db migrate");
