using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class VendorAttributionKeyConfiguration : IEntityTypeConfiguration<VendorAttributionKey>
{
    public void Configure(EntityTypeBuilder<VendorAttributionKey> builder)
    {
        builder.ToTable("vendor_attribution_keys");
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
        builder.Property(k => k.KeyType).HasMaxLength(64);
        builder.Property(k => k.KeyValue).HasMaxLength(500);
        builder.Property(k => k.MappedBy).HasMaxLength(256);
        builder.HasIndex(k => new { k.ProviderId, k.KeyType, k.KeyValue, k.EffectiveFrom }).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(k => k.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Feature>().WithMany().HasForeignKey(k => k.FeatureId).OnDelete(DeleteBehavior.Restrict);
    }
}
