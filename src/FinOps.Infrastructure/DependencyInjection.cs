using FinOps.Application.Abstractions;
using FinOps.Application.Database;
using FinOps.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Infrastructure;

public static class DependencyInjection
{
    public const string MigrationsAssembly = "FinOps.Migrations";

    public static IServiceCollection AddFinOpsInfrastructure(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<FinOpsDbContext>(options => options.UseFinOpsDatabase(connectionString));
        services.AddSingleton<IFinOpsDbContextFactory, FinOpsDbContextFactory>();
        services.AddSingleton<ISchemaMigrator, SchemaMigrator>();
        return services;
    }

    /// <summary>The one place the provider is configured, shared by the app, the CLI and design-time tooling.</summary>
    public static DbContextOptionsBuilder UseFinOpsDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(MigrationsAssembly)
                .MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
