using FinOps.Application.Abstractions;
using FinOps.Application.Access;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

/// <summary>
/// Read contexts for pages and exports, on the read database and with the caller's scope. Work done for the
/// organisation (jobs, and the shared state a request brings up to date) reads the primary: it must see what it
/// has just written, which a replica may not have replayed yet.
/// </summary>
internal sealed class FinOpsReadDbContextFactory(ReadDatabase read, IFinOpsDbContextFactory primary, ICurrentScope scope) : IFinOpsReadDbContextFactory
{
    private readonly Lazy<DbContextOptions<FinOpsDbContext>> _options = new(() =>
    {
        var options = new DbContextOptionsBuilder<FinOpsDbContext>();
        options.UseFinOpsDatabase(read.Source).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        return options.Options;
    });

    public async Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default)
    {
        if (!read.IsReplica || SystemExecution.IsActive) return await primary.CreateAsync(cancellationToken);
        var context = new FinOpsDbContext(_options.Value) { Scope = TenantFocus.Narrow(await scope.GetAsync(cancellationToken)) };
        return context;
    }
}
