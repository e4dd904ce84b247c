using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class BillingLineConfiguration : IEntityTypeConfiguration<BillingLine>
{
    public void Configure(EntityTypeBuilder<BillingLine> builder)
    {
        builder.ToTable("billing_lines", t => t.HasCheckConstraint("ck_billing_lines_period", "charge_period_end >= charge_period_start"));
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.NaturalKey).HasMaxLength(64);
        builder.Property(l => l.BillingAccount).HasMaxLength(200);
        builder.Property(l => l.ChargeCategory).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.TokenDirection).HasConversion<string>().HasMaxLength(16);
        builder.Property(l => l.Quantity).HasColumnType("numeric");
        builder.Property(l => l.BilledCost).HasColumnType("numeric");
        builder.Property(l => l.EffectiveCost).HasColumnType("numeric");
        builder.Property(l => l.ListCost).HasColumnType("numeric");
        builder.Property(l => l.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(l => l.Tags).HasColumnType("jsonb");

        builder.HasIndex(l => new { l.FileId, l.LineNumber }).IsUnique();
        // Supersede finds the current lines of (provider, account, billing period) from earlier files.
        builder.HasIndex(l => new { l.ProviderId, l.BillingAccount, l.BillingPeriodStart })
            .HasFilter("superseded_by_file_id is null").HasDatabaseName("ix_billing_lines_current_scope");
        // Reconciliation and attribution read current lines by provider × model × charge period.
        builder.HasIndex(l => new { l.ProviderId, l.ModelId, l.ChargePeriodStart })
            .HasFilter("superseded_by_file_id is null").HasDatabaseName("ix_billing_lines_current_charge");
        builder.HasIndex(l => l.NaturalKey);

        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(l => l.FileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(l => l.SupersededByFileId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Provider>().WithMany().HasForeignKey(l => l.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Model>().WithMany().HasForeignKey(l => l.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
