using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class TenantMergeConfiguration : IEntityTypeConfiguration<TenantMerge>
{
    public void Configure(EntityTypeBuilder<TenantMerge> builder)
    {
        builder.ToTable("tenant_merges");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.MergedBy).HasMaxLength(256);
        // A slug is merged away at most once; following merges from there reaches the survivor.
        builder.HasIndex(m => m.FromTenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.FromTenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(m => m.IntoTenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeatureMergeConfiguration : IEntityTypeConfiguration<FeatureMerge>
{
    public void Configure(EntityTypeBuilder<FeatureMerge> builder)
    {
        builder.ToTable("feature_merges");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.MergedBy).HasMaxLength(256);
        builder.HasIndex(m => m.FromFeatureId).IsUnique();
        builder.HasOne<Feature>().WithMany().HasForeignKey(m => m.FromFeatureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Feature>().WithMany().HasForeignKey(m => m.IntoFeatureId).OnDelete(DeleteBehavior.Restrict);
    }
}
