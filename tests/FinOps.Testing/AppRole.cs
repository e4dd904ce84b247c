using Npgsql;

namespace FinOps.Testing;

/// <summary>
/// A login role that owns nothing, for running the app as it runs in production; roles belong to the whole server,
/// so it is created once and reused by every test database (each grants it access when migrated by its owner).
/// </summary>
public static class AppRole
{
    public const string Name = "finops_app_test";

    /// <returns>The connection string of <paramref name="database"/> as the app role.</returns>
    public static async Task<string> EnsureAsync(TestDatabase database)
    {
        await database.ExecuteAsync($"""
            do $$ begin
                create role {Name} login nosuperuser nocreatedb nocreaterole;
            exception when duplicate_object or unique_violation then null;
            end $$;
            """);
        return new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = Name }.ConnectionString;
    }
}
