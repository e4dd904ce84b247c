using FinOps.Domain.Allocation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class PeriodCloseConfiguration : IEntityTypeConfiguration<PeriodClose>
{
    public void Configure(EntityTypeBuilder<PeriodClose> builder)
    {
        builder.ToTable("period_closes");
        builder.HasKey(c => c.Period);
        builder.Property(c => c.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(c => c.ClosedBy).HasMaxLength(256);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Total).HasColumnType("numeric");
        builder.Property(c => c.Snapshot).HasColumnType("jsonb");
    }
}

internal sealed class ClosedStatementLineConfiguration : IEntityTypeConfiguration<ClosedStatementLine>
{
    public void Configure(EntityTypeBuilder<ClosedStatementLine> builder)
    {
        builder.ToTable("closed_statement_lines");
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(l => l.LineKey).HasMaxLength(800);
        builder.Property(l => l.LineType).HasConversion<string>().HasMaxLength(16);
        foreach (var p in new[] { nameof(ClosedStatementLine.Tenant), nameof(ClosedStatementLine.Feature), nameof(ClosedStatementLine.Provider), nameof(ClosedStatementLine.Model), nameof(ClosedStatementLine.Pool), nameof(ClosedStatementLine.RuleId) })
            builder.Property(p).HasMaxLength(200);
        builder.Property(l => l.Driver).HasMaxLength(32);
        builder.Property(l => l.AdjustsPeriod).HasMaxLength(7);
        foreach (var p in new[] { nameof(ClosedStatementLine.DriverQuantity), nameof(ClosedStatementLine.Share), nameof(ClosedStatementLine.ExactAmount), nameof(ClosedStatementLine.Amount), nameof(ClosedStatementLine.KeyAmount) })
            builder.Property(p).HasColumnType("numeric");
        builder.Property(l => l.AttributionKeys).HasMaxLength(2000);
        builder.HasIndex(l => new { l.Period, l.LineKey }).IsUnique();
        builder.HasIndex(l => l.AdjustsPeriod);
        builder.HasOne<PeriodClose>().WithMany().HasForeignKey(l => l.Period).OnDelete(DeleteBehavior.Restrict);
    }
}
