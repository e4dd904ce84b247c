using FinOps.Domain.Infra;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class InfraCostConfiguration : IEntityTypeConfiguration<InfraCost>
{
    public void Configure(EntityTypeBuilder<InfraCost> builder)
    {
        builder.ToTable("infra_costs", t => t.HasCheckConstraint("ck_infra_costs_period", "period_end > period_start"));
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Pool).HasMaxLength(200);
        builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Quantity).HasColumnType("numeric");
        builder.Property(c => c.UnitPrice).HasColumnType("numeric");
        builder.Property(c => c.Amount).HasColumnType("numeric");
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.HasIndex(c => new { c.FileId, c.LineNumber }).IsUnique();
        // Allocation reads a pool's rows overlapping a period.
        builder.HasIndex(c => new { c.Pool, c.PeriodStart, c.PeriodEnd });
        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(c => c.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
