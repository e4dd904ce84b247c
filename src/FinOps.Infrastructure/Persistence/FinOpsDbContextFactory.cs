using FinOps.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

internal sealed class FinOpsDbContextFactory(IDbContextFactory<FinOpsDbContext> factory) : IFinOpsDbContextFactory
{
    public async Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default) =>
        await factory.CreateDbContextAsync(cancellationToken);
}
