using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using FinOps.Application.Overview;
using FinOps.Application.Tenants;
using FinOps.Domain.Access;
using FinOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Access;

/// <summary>The query layer filters every tenant-bearing set by the caller's scope, whichever use case asks.</summary>
public class TenantScopeTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly Dictionary<string, long> _tenantIds = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        var at = DateTimeOffset.Parse("2026-10-10T10:00:00Z");
        await UsageRows.CopyAsync(_database, [
            new("acme-retail", "chat", "openai", "gpt-4o", at, "a1", 100, 10),
            new("acme-retail", "chat", "openai", "gpt-4o", at.AddDays(31), "a2", 100, 10),
            new("initech", "search", "openai", "gpt-4o", at, "i1", 50, 5),
            new("globex-bank", "chat", "openai", "gpt-4o", at, "g1", 7000, 700),
        ]);
        foreach (var slug in new[] { "acme-retail", "initech", "globex-bank" })
            _tenantIds[slug] = await _database.ScalarAsync<long>($"select id from tenants where slug = '{slug}'");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private ServiceProvider ServicesAs(AccessScope scope)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        FinOps.Application.DependencyInjection.AddFinOpsApplication(services);
        FinOps.Infrastructure.DependencyInjection.AddFinOpsInfrastructure(services, _database.ConnectionString);
        services.AddScoped<ICurrentScope>(_ => new FixedScope(scope));
        return services.BuildServiceProvider();
    }

    private AccessScope Of(params string[] slugs) => AccessScope.OfTenants(slugs.Select(s => _tenantIds[s]));

    [Fact]
    public async Task A_team_lead_reads_only_their_tenants_in_every_tenant_bearing_set()
    {
        await using var services = ServicesAs(Of("acme-retail", "initech"));
        await using var db = await services.GetRequiredService<IFinOpsDbContextFactory>().CreateAsync();

        Assert.Equal(["acme-retail", "initech"], (await db.Tenants.Select(t => t.Slug).ToListAsync()).Select(s => s.Value).Order());
        Assert.Equal(3, await db.TokenUsage.CountAsync());
        Assert.Equal(110L + 110L + 55L, await db.UsageHourly.SumAsync(u => u.InputTokens + u.OutputTokens));
        Assert.DoesNotContain(await db.UsageDaily.Select(d => d.TenantId).ToListAsync(), id => id == _tenantIds["globex-bank"]);
    }

    [Fact]
    public async Task Use_cases_inherit_the_scope_without_knowing_it()
    {
        await using var services = ServicesAs(Of("acme-retail"));

        var overview = await services.GetRequiredService<GetOverview>().HandleAsync(default);
        var list = await services.GetRequiredService<ListTenants>().HandleAsync(default);
        var own = await services.GetRequiredService<GetTenantUsage>().HandleAsync("acme-retail", default);
        var other = await services.GetRequiredService<GetTenantUsage>().HandleAsync("globex-bank", default);

        Assert.Equal(1, overview.TenantCount);
        Assert.Equal(1, overview.FeatureCount); // acme-retail used "chat" only; "search" is initech's
        Assert.Equal(2L, overview.TotalRequests);
        Assert.Equal(["acme-retail"], list.Select(t => t.Slug));
        Assert.Equal(2, own!.Months.Count);
        Assert.Null(other);
    }

    [Fact]
    public async Task Finance_sees_everything_and_an_unassigned_caller_sees_nothing()
    {
        await using var finance = ServicesAs(AccessScope.Unrestricted);
        await using var nobody = ServicesAs(AccessScope.Nothing);

        Assert.Equal(4L, (await finance.GetRequiredService<GetOverview>().HandleAsync(default)).TotalRequests);
        var empty = await nobody.GetRequiredService<GetOverview>().HandleAsync(default);
        Assert.Equal(0, empty.TenantCount);
        Assert.Equal(0L, empty.TotalRequests);
    }

    private sealed class FixedScope(AccessScope scope) : ICurrentScope
    {
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
    }
}
