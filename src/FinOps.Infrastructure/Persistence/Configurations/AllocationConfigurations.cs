using FinOps.Domain.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class AllocationRuleVersionConfiguration : IEntityTypeConfiguration<AllocationRuleVersion>
{
    public void Configure(EntityTypeBuilder<AllocationRuleVersion> builder)
    {
        builder.ToTable("allocation_rules");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.RuleId).HasMaxLength(200);
        builder.Property(r => r.Pool).HasMaxLength(200);
        builder.Property(r => r.Definition).HasColumnType("text");
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.RuleId, r.Version }).IsUnique();
    }
}

internal sealed class StatementRunConfiguration : IEntityTypeConfiguration<StatementRun>
{
    public void Configure(EntityTypeBuilder<StatementRun> builder)
    {
        builder.ToTable("statement_runs");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(r => r.Trigger).HasMaxLength(16);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(r => r.CostTotal).HasColumnType("numeric");
        builder.Property(r => r.ExactTotal).HasColumnType("numeric");
        builder.Property(r => r.Total).HasColumnType("numeric");
        builder.Property(r => r.Inputs).HasColumnType("jsonb");
        builder.HasIndex(r => r.Period).IsUnique();
    }
}

internal sealed class StatementRecordConfiguration : IEntityTypeConfiguration<StatementRecord>
{
    public void Configure(EntityTypeBuilder<StatementRecord> builder)
    {
        builder.ToTable("statement_lines");
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.LineKey).HasMaxLength(800);
        builder.Property(l => l.LineType).HasConversion<string>().HasMaxLength(16);
        foreach (var p in new[] { nameof(StatementRecord.Tenant), nameof(StatementRecord.Feature), nameof(StatementRecord.Provider), nameof(StatementRecord.Model), nameof(StatementRecord.Pool), nameof(StatementRecord.RuleId) })
            builder.Property(p).HasMaxLength(200);
        builder.Property(l => l.Driver).HasMaxLength(32);
        builder.Property(l => l.AdjustsPeriod).HasMaxLength(7);
        foreach (var p in new[] { nameof(StatementRecord.DriverQuantity), nameof(StatementRecord.Share), nameof(StatementRecord.ExactAmount), nameof(StatementRecord.Amount), nameof(StatementRecord.KeyAmount) })
            builder.Property(p).HasColumnType("numeric");
        builder.Property(l => l.AttributionKeys).HasMaxLength(2000);
        builder.HasIndex(l => new { l.RunId, l.Tenant });
        builder.HasOne<StatementRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
