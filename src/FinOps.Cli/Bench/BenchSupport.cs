using System.Diagnostics;
using FinOps.Application.Access;
using FinOps.Application.Database;
using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog;

namespace FinOps.Cli.Bench;

/// <summary>What every benchmark needs: throwaway databases on the same server, the real services over them, a stopwatch.</summary>
internal static class BenchSupport
{
    /// <summary>An empty migrated database and the real services over it; migrating is not part of the timing.</summary>
    internal static async Task<ServiceProvider> PrepareDatabaseAsync(string connectionString, CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        // The cost-series refresh logs its phases (load, compute, store): a benchmark shows where its time goes.
        var logger = new Serilog.LoggerConfiguration().MinimumLevel.Warning()
            .MinimumLevel.Override("FinOps.Application.Costs", Serilog.Events.LogEventLevel.Information)
            .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose).CreateLogger();
        services.AddLogging(logging => logging.AddSerilog(logger, dispose: true));
        FinOps.Application.DependencyInjection.AddFinOpsApplication(services);
        services.AddFinOpsInfrastructure(connectionString);
        services.AddScoped<ICurrentScope, SystemScope>();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISchemaMigrator>().MigrateAsync(null, cancellationToken);
        return provider;
    }

    /// <summary>
    /// One benchmark's throwaway database (created and migrated by the schema owner where one is configured) with the
    /// real services over it, and a temporary folder; both removed afterwards, whatever happens.
    /// </summary>
    internal static async Task<int> InThrowawayDatabaseAsync(string bench, Func<string, ServiceProvider, string, Task<int>> run, CancellationToken cancellationToken,
        Action<IServiceCollection>? configure = null)
    {
        var server = DatabaseConnection.OwnerFromEnvironment() ?? DatabaseConnection.FromEnvironment();
        var database = $"finops_bench_{Guid.NewGuid().ToString("N")[..8]}_{bench}";
        var folder = Directory.CreateTempSubdirectory($"finops-bench-{bench}-").FullName;
        try
        {
            await ExecuteAsync(server, $"create database \"{database}\"", cancellationToken);
            var connectionString = With(server, database);
            await using var services = await PrepareDatabaseAsync(connectionString, cancellationToken, configure);
            return await run(connectionString, services, folder);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"drop database if exists \"{database}\" with (force)", CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task<TimeSpan> TimeAsync(string label, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        Log($"{label}: {clock.Elapsed.TotalSeconds:N2} s");
        return clock.Elapsed;
    }

    internal static string With(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    internal static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void Log(string message) => Console.Error.WriteLine($"bench: {message}");
}
