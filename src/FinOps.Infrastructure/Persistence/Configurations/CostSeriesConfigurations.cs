using FinOps.Domain.Budgets;
using FinOps.Domain.Costs;
using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class CostSeriesDayConfiguration : IEntityTypeConfiguration<CostSeriesDay>
{
    public void Configure(EntityTypeBuilder<CostSeriesDay> builder)
    {
        builder.ToTable("cost_series");
        builder.HasKey(d => new { d.Period, d.Day, d.LineKey });
        builder.Property(d => d.Period).HasMaxLength(7);
        builder.Property(d => d.LineKey).HasMaxLength(600);
        builder.Property(d => d.LineType).HasMaxLength(16);
        builder.Property(d => d.Tenant).HasMaxLength(64);
        builder.Property(d => d.Feature).HasMaxLength(64);
        builder.Property(d => d.Provider).HasMaxLength(64);
        builder.Property(d => d.Model).HasMaxLength(200);
        builder.Property(d => d.Pool).HasMaxLength(200);
        builder.Property(d => d.AdjustsPeriod).HasMaxLength(7);
        builder.HasIndex(d => new { d.Period, d.Tenant, d.Day });
    }
}

internal sealed class CostSeriesStateConfiguration : IEntityTypeConfiguration<CostSeriesState>
{
    public void Configure(EntityTypeBuilder<CostSeriesState> builder)
    {
        builder.ToTable("cost_series_state");
        builder.HasKey(s => s.Period);
        builder.Property(s => s.Period).HasMaxLength(7);
    }
}

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<StoredBudget>
{
    public void Configure(EntityTypeBuilder<StoredBudget> builder)
    {
        builder.ToTable("budgets", t =>
        {
            t.HasCheckConstraint("ck_budgets_amount", "amount >= 0");
            t.HasCheckConstraint("ck_budgets_periods", "last_period is null or last_period >= first_period");
        });
        builder.Property(b => b.Id).UseIdentityAlwaysColumn();
        builder.Property(b => b.FirstPeriod).HasMaxLength(7);
        builder.Property(b => b.LastPeriod).HasMaxLength(7);
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.Property(b => b.UpdatedBy).HasMaxLength(256);
        // One budget per scope and first period: importing the same row again replaces it.
        builder.HasIndex(b => new { b.TenantId, b.FeatureId, b.FirstPeriod }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Feature>().WithMany().HasForeignKey(b => b.FeatureId).OnDelete(DeleteBehavior.Restrict);
    }
}
