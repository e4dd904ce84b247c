using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using FinOps.Domain.Infra;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Organisation;
using FinOps.Domain.Tenancy;
using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

public sealed class FinOpsDbContext(DbContextOptions<FinOpsDbContext> options) : DbContext(options), IFinOpsDbContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<TenantMerge> TenantMerges => Set<TenantMerge>();
    public DbSet<FeatureMerge> FeatureMerges => Set<FeatureMerge>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();
    public DbSet<PriceCard> PriceCards => Set<PriceCard>();
    public DbSet<TokenUsage> TokenUsage => Set<TokenUsage>();
    public DbSet<UsageHourly> UsageHourly => Set<UsageHourly>();
    public DbSet<UsageDaily> UsageDaily => Set<UsageDaily>();
    public DbSet<BillingLine> BillingLines => Set<BillingLine>();
    public DbSet<VendorAttributionKey> VendorAttributionKeys => Set<VendorAttributionKey>();
    public DbSet<InfraCost> InfraCosts => Set<InfraCost>();
    public DbSet<IngestionBatch> IngestionBatches => Set<IngestionBatch>();
    public DbSet<IngestionFile> IngestionFiles => Set<IngestionFile>();
    public DbSet<QuarantinedRow> QuarantinedRows => Set<QuarantinedRow>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FinOpsDbContext).Assembly);
}
