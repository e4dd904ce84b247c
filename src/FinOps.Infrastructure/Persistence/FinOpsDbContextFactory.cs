using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

/// <summary>Makes contexts that carry the caller's scope; the query filters do the rest.</summary>
internal sealed class FinOpsDbContextFactory(IDbContextFactory<FinOpsDbContext> factory, ICurrentScope scope) : IFinOpsDbContextFactory
{
    public async Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        var context = await factory.CreateDbContextAsync(cancellationToken);
        context.Scope = await scope.GetAsync(cancellationToken);
        return context;
    }
}
