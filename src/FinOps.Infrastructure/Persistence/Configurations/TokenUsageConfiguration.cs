using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

/// <summary>
/// Describes token_usage to EF for queries. The table itself — range-partitioned by month on occurred_at, its
/// duplicate-key table, triggers and indexes — is created by hand-written SQL in the migration (ADR 0004), because
/// EF cannot express declarative partitioning.
/// </summary>
internal sealed class TokenUsageConfiguration : IEntityTypeConfiguration<TokenUsage>
{
    public void Configure(EntityTypeBuilder<TokenUsage> builder)
    {
        builder.ToTable("token_usage", t => t.ExcludeFromMigrations());
        // Every key carries tenant_id (the future distribution column) and occurred_at (the partition key).
        builder.HasKey(u => new { u.TenantId, u.OccurredAt, u.Id });
        builder.Property(u => u.Id).HasDefaultValueSql("nextval('token_usage_id_seq')").ValueGeneratedOnAdd();
        builder.Property(u => u.Source).HasMaxLength(64);
        builder.Property(u => u.RequestId).HasMaxLength(200);
        builder.Property(u => u.Status).HasMaxLength(32);
        builder.Property(u => u.ServiceTier).HasMaxLength(32);
        builder.Property(u => u.Deployment).HasMaxLength(200);
        builder.Property(u => u.GpuSeconds).HasColumnType("numeric");
        builder.Property(u => u.Tags).HasColumnType("jsonb");
        builder.Property(u => u.TraceId).HasMaxLength(200);
        builder.Property(u => u.Workflow).HasMaxLength(200);
        builder.Ignore(u => u.UncachedInputTokens);
    }
}

internal sealed class UsageHourlyConfiguration : IEntityTypeConfiguration<UsageHourly>
{
    public void Configure(EntityTypeBuilder<UsageHourly> builder)
    {
        builder.ToTable("usage_hourly");
        // tenant_id leads (per-tenant pages, future distribution column); "" stands for "no deployment / tier"
        // so the key stays a plain primary key.
        builder.HasKey(u => new { u.TenantId, u.Hour, u.FeatureId, u.ProviderId, u.ModelId, u.Deployment, u.ServiceTier, u.ModelAliasId });
        // Period-wide aggregates (reconciliation, allocation) read an hour range across all tenants.
        builder.HasIndex(u => new { u.Hour, u.ProviderId, u.ModelId });
        builder.Property(u => u.Deployment).HasMaxLength(200).HasDefaultValue("");
        builder.Property(u => u.ServiceTier).HasMaxLength(32).HasDefaultValue("");
        builder.Property(u => u.GpuSeconds).HasColumnType("numeric");
    }
}

internal sealed class UsageDailyConfiguration : IEntityTypeConfiguration<UsageDaily>
{
    public void Configure(EntityTypeBuilder<UsageDaily> builder)
    {
        builder.ToView("usage_daily");
        builder.HasNoKey();
        builder.Property(u => u.GpuSeconds).HasColumnType("numeric");
    }
}
