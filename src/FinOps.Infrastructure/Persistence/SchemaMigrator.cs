using FinOps.Application.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Applies migrations as the schema owner (<see cref="DatabaseRoles.Migrations"/>). When the app runs as a role of
/// its own, the owner also installs the job tables and grants the app role what it needs, after every run — so a
/// migration that adds a table never leaves the app without access.
/// </summary>
internal sealed class SchemaMigrator(IDbContextFactory<FinOpsDbContext> contexts, DatabaseRoles roles, NpgsqlDataSource app) : ISchemaMigrator
{
    public Task<string?> RoleWarningAsync(CancellationToken cancellationToken) => AppRoleGrants.WarningAsync(app, cancellationToken);

    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadStatusAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var ownerSource = new NpgsqlDataSourceBuilder(roles.Migrations) { Name = "finops-owner" }.Build();
        var options = new DbContextOptionsBuilder<FinOpsDbContext>();
        options.UseFinOpsDatabase(ownerSource);
        await using var db = new FinOpsDbContext(options.Options);
        // Migrations take the time they take: no 30-second command timeout on a large table.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var pending = (await ReadStatusAsync(db, cancellationToken)).Pending;

        // One migration at a time so progress names what is running; each is its own transaction.
        var migrator = db.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            progress?.Report(migration);
            await migrator.MigrateAsync(migration, cancellationToken);
        }

        if (roles.Separated)
        {
            await using var connection = await ownerSource.OpenConnectionAsync(cancellationToken);
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, DependencyInjection.HangfireSchema);
            await AppRoleGrants.ApplyAsync(connection, roles.AppUser, DependencyInjection.HangfireSchema, cancellationToken);
        }
        return pending;
    }

    private static async Task<SchemaStatus> ReadStatusAsync(FinOpsDbContext db, CancellationToken cancellationToken)
    {
        var all = db.Database.GetMigrations().ToList();
        // An empty database has no history table; asking it for applied migrations would log a failed query.
        if (!await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken))
            return new SchemaStatus([], all);

        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var appliedSet = applied.ToHashSet(StringComparer.Ordinal);
        return new SchemaStatus(applied, all.Where(m => !appliedSet.Contains(m)).ToList());
    }
}
