using FinOps.Application.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace FinOps.Infrastructure.Persistence;

internal sealed class SchemaMigrator(IDbContextFactory<FinOpsDbContext> contexts) : ISchemaMigrator
{
    public async Task<SchemaStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ReadStatusAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pending = (await ReadStatusAsync(db, cancellationToken)).Pending;

        // One migration at a time so progress names what is running; each is its own transaction.
        var migrator = db.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            progress?.Report(migration);
            await migrator.MigrateAsync(migration, cancellationToken);
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
