using FinOps.Application.Database;
using FinOps.Infrastructure.Persistence;
using FinOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Database;

public class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var database = await TestDatabases.CreateEmptyAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString);
        var migrator = services.GetRequiredService<ISchemaMigrator>();

        var before = await migrator.GetStatusAsync(CancellationToken.None);
        var applied = await migrator.MigrateAsync(null, CancellationToken.None);
        var after = await migrator.GetStatusAsync(CancellationToken.None);

        Assert.Empty(before.Applied);
        Assert.NotEmpty(applied);
        Assert.Equal(before.Pending, applied);
        Assert.True(after.IsCurrent);
        Assert.Equal(applied, after.Applied);
        string[] tables =
        [
            "tenants", "features", "tenant_merges", "feature_merges", "providers", "models", "model_aliases", "price_cards",
            "token_usage", "token_usage_keys", "usage_hourly", "usage_daily", "billing_lines", "vendor_attribution_keys",
            "infra_costs", "ingestion_batches", "ingestion_files", "quarantined_rows", "audit_log", "organisation_settings",
        ];
        foreach (var table in tables)
            Assert.True(await database.ScalarAsync<long>(
                $"select count(*) from information_schema.tables where table_schema = 'public' and table_name = '{table}'") == 1,
                $"table or view {table} is missing");
        Assert.Equal("p", await database.ScalarAsync<string>("select relkind::text from pg_class where relname = 'token_usage'"));
    }

    [Fact]
    public async Task Migrating_a_current_database_applies_nothing()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString);

        var applied = await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(null, CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task The_model_has_no_change_that_a_migration_does_not_carry()
    {
        await using var services = TestDatabases.ServicesFor("Host=127.0.0.1;Database=unused");
        await using var db = await services.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The EF model changed without a migration: run dotnet ef migrations add <Name> --project migrations/FinOps.Migrations");
    }

    [Fact]
    public async Task Slugs_are_unique_in_the_database_itself()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var connection = await database.OpenAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            "insert into tenants (slug, display_name, created_at) values ('acme', 'Acme', now()), ('acme', 'Acme again', now())", connection);

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("23505", error.SqlState);
    }
}
