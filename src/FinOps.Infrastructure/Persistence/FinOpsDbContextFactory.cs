using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Makes contexts that carry the caller's scope; the query filters do the rest. Work done for the organisation
/// (<see cref="SystemExecution"/>: jobs, and the shared state a reader's request brings up to date) sees every tenant; a
/// <see cref="TenantFocus"/> narrows the caller's scope to one tenant.
/// </summary>
internal sealed class FinOpsDbContextFactory(IDbContextFactory<FinOpsDbContext> factory, ICurrentScope scope) : IFinOpsDbContextFactory
{
    public async Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        var context = await factory.CreateDbContextAsync(cancellationToken);
        context.Scope = SystemExecution.IsActive ? Domain.Access.AccessScope.Unrestricted : TenantFocus.Narrow(await scope.GetAsync(cancellationToken));
        return context;
    }
}
