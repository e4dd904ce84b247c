using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.ToTable("models");
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.HasIndex(m => new { m.ProviderId, m.Name }).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(m => m.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ModelAliasConfiguration : IEntityTypeConfiguration<ModelAlias>
{
    public void Configure(EntityTypeBuilder<ModelAlias> builder)
    {
        builder.ToTable("model_aliases", t => t.HasCheckConstraint("ck_model_aliases_lower", "alias = lower(alias)"));
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Alias).HasMaxLength(300);
        // Resolution is (provider, alias) → model: one answer per alias.
        builder.HasIndex(a => new { a.ProviderId, a.Alias }).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Model>().WithMany().HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
