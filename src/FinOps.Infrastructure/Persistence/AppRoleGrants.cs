using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// What the app role may do, granted by the schema owner after each migration: read and write rows (the triggers
/// still refuse what must never change), use sequences and temporary tables — never own, alter, drop or truncate.
/// Default privileges cover what later migrations and new month partitions create.
/// </summary>
internal static class AppRoleGrants
{
    public static async Task ApplyAsync(NpgsqlConnection owner, string appRole, string jobSchema, CancellationToken cancellationToken)
    {
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(appRole);
        var jobs = new NpgsqlCommandBuilder().QuoteIdentifier(jobSchema);
        var sql = $"""
            grant usage on schema public to {role};
            grant select, insert, update, delete on all tables in schema public to {role};
            grant usage, select, update on all sequences in schema public to {role};
            alter default privileges in schema public grant select, insert, update, delete on tables to {role};
            alter default privileges in schema public grant usage, select, update on sequences to {role};
            grant usage on schema {jobs} to {role};
            grant select, insert, update, delete on all tables in schema {jobs} to {role};
            grant usage, select, update on all sequences in schema {jobs} to {role};
            """;
        await using var command = new NpgsqlCommand(sql, owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>What the app's own connection is: a superuser or the schema's owner gets a warning, never a refusal.</summary>
    public static async Task<string?> WarningAsync(NpgsqlDataSource app, CancellationToken cancellationToken)
    {
        await using var connection = await app.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            select current_user, r.rolsuper,
                   coalesce((select pg_get_userbyid(c.relowner) = current_user from pg_class c where c.relname = 'token_usage' and c.relkind = 'p'), false)
            from pg_roles r where r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var (user, superuser, owner) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
        if (!superuser && !owner) return null;
        return $"FINOPS_DB connects as '{user}', {(superuser ? "a superuser" : "the owner of the schema")}: it could disable the database's guards. " +
               "Run the app as a role that owns nothing and give the owner's connection in FINOPS_DB_OWNER (see the README).";
    }
}
