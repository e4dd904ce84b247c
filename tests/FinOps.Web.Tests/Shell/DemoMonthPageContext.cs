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
    protected TestDatabase Database { get; private set; } = null!;

    /// <summary>Who is signed in for the whole class (finance unless a class says otherwise).</summary>
    protected virtual (string Email, string Role) SignedIn => ("finance@demo.finops", Roles.FinanceAdmin);

    /// <summary>Whose rows the pages read: everything (finance) unless a test narrows it to a team lead's tenants.</summary>
    protected SwitchableScope Scope { get; } = new();

    protected sealed class SwitchableScope : ICurrentScope
    {
        public AccessScope Value { get; set; } = AccessScope.Unrestricted;
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Value);
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        // Generated once per test run into a template; each class gets its own copy.
        Database = await TestDatabases.CreateWithDemoMonthAsync();
        Services.AddFinOpsApplication();
        Services.AddFinOpsInfrastructure(Database.ConnectionString);
        Services.AddSingleton<ICurrentScope>(Scope);
        SignInAs(SignedIn.Email, SignedIn.Role);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
    }
}
