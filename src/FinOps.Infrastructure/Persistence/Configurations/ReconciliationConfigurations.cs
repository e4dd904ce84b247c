using FinOps.Domain.Catalog;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("reconciliation_runs");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(r => r.WindowKind).HasConversion<string>().HasMaxLength(8);
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.BilledCost).HasColumnType("numeric");
        builder.Property(r => r.CoveredCost).HasColumnType("numeric");
        // The current answer of a period at a window size: one run, replaced whole.
        builder.HasIndex(r => new { r.Period, r.WindowKind }).IsUnique();
    }
}

internal sealed class ReconciliationRowConfiguration : IEntityTypeConfiguration<ReconciliationRow>
{
    public void Configure(EntityTypeBuilder<ReconciliationRow> builder)
    {
        builder.ToTable("reconciliation_rows");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Model).HasMaxLength(200);
        foreach (var p in new[] { nameof(ReconciliationRow.BilledInputTokens), nameof(ReconciliationRow.BilledCachedInputTokens), nameof(ReconciliationRow.BilledOutputTokens),
                     nameof(ReconciliationRow.BilledMixedTokens), nameof(ReconciliationRow.BilledCost), nameof(ReconciliationRow.ExpectedCost) })
            builder.Property(p).HasColumnType("numeric");
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Causes).HasColumnType("jsonb");
        builder.HasIndex(r => new { r.RunId, r.Status });
        builder.HasOne<ReconciliationRun>().WithMany().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Provider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
