using FinOps.Application.Database;
using FinOps.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FinOps.Testing;

/// <summary>
/// Real PostgreSQL for tests, never a fake: the server is FINOPS_DB (set by infra/test.sh for the private cluster).
/// The migrations run once per test process into a template database; each test database is a clone of it,
/// which takes milliseconds instead of a migration run.
/// </summary>
public static class TestDatabases
{
    private const string Prefix = "finops_t_";
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);

    /// <summary>The server's admin connection (FINOPS_DB); tests fail loudly without it rather than skip.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("FINOPS_DB") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("FINOPS_DB is not set: run the tests with infra/test.sh, or point FINOPS_DB at a PostgreSQL server where the user may CREATE DATABASE.");

    /// <summary>A database with every migration applied and nothing else.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync() => await CloneAsync(await Template.Value);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> SeededTemplates = new();

    /// <summary>
    /// A clone of a template that holds the migrations and whatever <paramref name="seed"/> writes (a generated month,
    /// say): the seed runs once per test process and key, every caller gets its own copy in milliseconds.
    /// </summary>
    public static async Task<TestDatabase> CreateSeededAsync(string key, Func<string, Task> seed)
    {
        var template = await SeededTemplates.GetOrAdd(key, k => new Lazy<Task<string>>(() => CreateSeededTemplateAsync(k, seed))).Value;
        return await CloneAsync(template);
    }

    /// <summary>
    /// The demo's tenants and sign-ins and a generated month (default October 2026; the demo generator, seed 42) with its
    /// bills, prices, rules, reconciliation and statements.
    /// </summary>
    public static Task<TestDatabase> CreateWithDemoMonthAsync(int requests = 20_000, int month = 10) =>
        CreateSeededAsync($"demo-month-2026-{month:D2}-{requests}", async connectionString =>
        {
            var folder = Directory.CreateTempSubdirectory("finops-template-month-").FullName;
            try
            {
                await using var services = ServicesFor(connectionString);
                await using var scope = services.CreateAsyncScope();
                // As ./finops demo load does: the starter tenants (display names) and one sign-in per role, then the month.
                await scope.ServiceProvider.GetRequiredService<FinOps.Application.Demo.LoadDemoData>().HandleAsync(CancellationToken.None);
                await scope.ServiceProvider.GetRequiredService<FinOps.Application.Demo.LoadDemoMonth>()
                    .HandleAsync(new FinOps.Application.Demo.DemoMonthRequest(Path.Combine(folder, "month"), 2026, month, requests, 42), null, CancellationToken.None);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        });

    private static async Task<string> CreateSeededTemplateAsync(string key, Func<string, Task> seed)
    {
        var migrated = await CloneAsync(await Template.Value);
        await seed(migrated.ConnectionString);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(migrated.ConnectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(migrated.Name).GetAwaiter().GetResult();
        return migrated.Name;
    }

    private static async Task<TestDatabase> CloneAsync(string template)
    {
        var name = NewName();
        await CloneLock.WaitAsync();
        try
        {
            await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }
        finally
        {
            CloneLock.Release();
        }
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>A database with no schema at all, to prove the migrations apply from empty.</summary>
    public static async Task<TestDatabase> CreateEmptyAsync()
    {
        var name = NewName();
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(name, ConnectionStringFor(name));
    }

    /// <summary>The application's real services over <paramref name="connectionString"/>, optionally with a fixed clock.</summary>
    public static ServiceProvider ServicesFor(string connectionString, TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        FinOps.Application.DependencyInjection.AddFinOpsApplication(services);
        services.AddFinOpsInfrastructure(connectionString);
        services.AddScoped<FinOps.Application.Access.ICurrentScope, FinOps.Application.Access.SystemScope>();
        if (clock is not null) services.AddSingleton(clock);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    internal static Task DropAsync(string name) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    private static async Task<string> CreateTemplateAsync()
    {
        var name = $"{Prefix}{RunId}_template";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = ConnectionStringFor(name);
        await using (var services = ServicesFor(connectionString))
            await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(null, CancellationToken.None);
        // A template must have no open sessions when it is cloned.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAsync(name).GetAwaiter().GetResult();
        return name;
    }

    private static string NewName() => $"{Prefix}{RunId}_{Guid.NewGuid().ToString("N")[..10]}";

    private static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database }.ConnectionString;

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // Creating and dropping databases waits for checkpoints and for other sessions to go: on a loaded machine that
        // takes far longer than Npgsql's 30-second default, so these statements get a generous hang guard instead.
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false, Timeout = 120, CommandTimeout = 600 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
