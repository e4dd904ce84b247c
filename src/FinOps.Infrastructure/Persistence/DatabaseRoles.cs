using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Who connects for what: the app (pages, jobs, the CLI's work) and, when configured apart, the schema owner that
/// migrations run as. An app role that owns nothing cannot disable triggers, drop tables or switch replication
/// mode, so the database's guards bind it whatever the code does.
/// </summary>
public sealed record DatabaseRoles(string App, string? Owner)
{
    /// <summary>The connection schema changes run on: the owner's when set, else the app's own.</summary>
    public string Migrations => Owner ?? App;

    public string AppUser => new NpgsqlConnectionStringBuilder(App).Username ?? "";

    /// <summary>True when a separate owner is configured under another name: the app role then gets grants, not ownership.</summary>
    public bool Separated => Owner is not null && !string.Equals(new NpgsqlConnectionStringBuilder(Owner).Username, AppUser, StringComparison.Ordinal);
}
