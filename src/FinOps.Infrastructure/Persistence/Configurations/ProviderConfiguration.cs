using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.ToTable("providers", t => t.HasCheckConstraint("ck_providers_offset", "billing_day_offset_hours between -24 and 24"));
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.Slug).HasMaxLength(64);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.DisplayName).HasMaxLength(200);
    }
}
