using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Where the database is: <c>FINOPS_DB</c> (an Npgsql connection string) — set by the run and test scripts for the
/// private cluster, or by an operator for an existing PostgreSQL.
/// </summary>
public static class DatabaseConnection
{
    public const string EnvironmentVariable = "FINOPS_DB";

    /// <summary>
    /// Optional: the schema owner's connection, used only to change the schema (migrations, the job tables, the app
    /// role's grants). Without it, <c>FINOPS_DB</c> does everything, whatever its role.
    /// </summary>
    public const string OwnerEnvironmentVariable = "FINOPS_DB_OWNER";

    /// <summary>
    /// Optional: a streaming replica of the same database for what pages and exports read (FINOPS_DB_READ). Writes,
    /// jobs and sign-ins stay on <c>FINOPS_DB</c>; pages say how far behind the replica's data is.
    /// </summary>
    public const string ReadEnvironmentVariable = "FINOPS_DB_READ";

    public static string? ResolveRead(string? configured) => configured is { Length: > 0 } value ? Validate(value, ReadEnvironmentVariable) : null;

    public static string FromEnvironment() => Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static string? OwnerFromEnvironment() => ResolveOwner(Environment.GetEnvironmentVariable(OwnerEnvironmentVariable));

    public static string? ResolveOwner(string? configured) => configured is { Length: > 0 } value ? Validate(value, OwnerEnvironmentVariable) : null;

    /// <summary>Validates a configured value (the web host reads it through configuration, so tests can set it).</summary>
    public static string Resolve(string? configured) =>
        configured is { Length: > 0 } value
            ? Validate(value, EnvironmentVariable)
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: run ./finops from the repository root (it starts the private cluster), " +
                $"or set {EnvironmentVariable} to an Npgsql connection string such as 'Host=db;Database=finops;Username=finops;Password=…'.");

    private static string Validate(string connectionString, string variable)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{variable} is not a valid connection string: {e.Message}", e);
        }
    }
}
