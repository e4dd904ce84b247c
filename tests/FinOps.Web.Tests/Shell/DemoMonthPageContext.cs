using FinOps.Application;
using FinOps.Application.Access;
using FinOps.Application.Demo;
using FinOps.Domain.Access;
using FinOps.Infrastructure;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Shell;

/// <summary>bUnit pages over a real database holding a small generated October (its bills, prices, rules, reconciliation and statements), as finance.</summary>
public abstract class DemoMonthPageContext : ShellTestContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-bunit-month-").FullName;

    protected TestDatabase Database { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        Database = await TestDatabases.CreateMigratedAsync();
        await using (var services = TestDatabases.ServicesFor(Database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<LoadDemoMonth>().HandleAsync(new DemoMonthRequest(Path.Combine(_folder, "month"), 2026, 10, 20_000, 42), null, CancellationToken.None);
        Services.AddFinOpsApplication();
        Services.AddFinOpsInfrastructure(Database.ConnectionString);
        Services.AddScoped<ICurrentScope, SystemScope>();
        SignInAs("finance@demo.finops", Roles.FinanceAdmin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
