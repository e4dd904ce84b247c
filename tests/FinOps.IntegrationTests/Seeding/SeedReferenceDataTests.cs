using FinOps.Application.Abstractions;
using FinOps.Application.Overview;
using FinOps.Application.Seeding;
using FinOps.Domain.Tenancy;
using FinOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Seeding;

public class SeedReferenceDataTests
{
    [Fact]
    public async Task Seeding_adds_the_starter_tenants_and_features_once()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString);
        var seed = services.GetRequiredService<SeedReferenceData>();

        var first = await seed.HandleAsync(CancellationToken.None);
        var second = await seed.HandleAsync(CancellationToken.None);

        Assert.Equal(new SeedResult(SeedReferenceData.StarterTenants.Length, SeedReferenceData.StarterFeatures.Length), first);
        Assert.Equal(new SeedResult(0, 0), second);
        Assert.Equal(SeedReferenceData.StarterTenants.Length, await database.ScalarAsync<int>("select count(*) from tenants"));
        Assert.Equal(SeedReferenceData.StarterFeatures.Length, await database.ScalarAsync<int>("select count(*) from features"));
    }

    [Fact]
    public async Task Seeding_again_keeps_a_display_name_finance_changed()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString);
        var seed = services.GetRequiredService<SeedReferenceData>();
        await seed.HandleAsync(CancellationToken.None);

        var contexts = services.GetRequiredService<IFinOpsDbContextFactory>();
        await using (var db = await contexts.CreateAsync())
        {
            var acme = await db.Tenants.SingleAsync(t => t.Slug == Slug.Parse("acme-retail"));
            acme.Rename("Acme Retail EMEA");
            await db.SaveChangesAsync();
        }
        await seed.HandleAsync(CancellationToken.None);

        await using var check = await contexts.CreateAsync();
        Assert.Equal("Acme Retail EMEA", (await check.Tenants.SingleAsync(t => t.Slug == Slug.Parse("acme-retail"))).DisplayName);
    }

    [Fact]
    public async Task The_overview_reports_what_the_database_holds()
    {
        await using var database = await TestDatabases.CreateMigratedAsync();
        await using var services = TestDatabases.ServicesFor(database.ConnectionString);
        await services.GetRequiredService<SeedReferenceData>().HandleAsync(CancellationToken.None);
        await using (var connection = await database.OpenAsync())
        await using (var insert = new Npgsql.NpgsqlCommand("insert into tenants (slug, display_name, created_at) values ('zeta-labs', 'Zeta Labs', now())", connection))
            await insert.ExecuteNonQueryAsync();

        var overview = await services.GetRequiredService<GetOverview>().HandleAsync(CancellationToken.None);

        Assert.Equal(SeedReferenceData.StarterTenants.Length + 1, overview.TenantCount);
        Assert.Equal(SeedReferenceData.StarterFeatures.Length, overview.FeatureCount);
        Assert.Contains(overview.Tenants, t => t is { Slug: "zeta-labs", DisplayName: "Zeta Labs" });
        Assert.Equal(overview.Tenants.OrderBy(t => t.DisplayName).Select(t => t.Slug), overview.Tenants.Select(t => t.Slug));
    }
}
