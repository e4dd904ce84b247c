using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Abstractions;

/// <summary>
/// The use cases' view of the database: EF Core sets, no repository over them (ADR 0002). One instance per
/// operation, made by <see cref="IFinOpsDbContextFactory"/> — Blazor circuits never hold one.
/// </summary>
public interface IFinOpsDbContext : IAsyncDisposable
{
    DbSet<Tenant> Tenants { get; }
    DbSet<Feature> Features { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

public interface IFinOpsDbContextFactory
{
    Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default);
}
