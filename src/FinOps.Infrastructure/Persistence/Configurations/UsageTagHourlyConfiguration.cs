using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

/// <summary>Kept by ingest (UsageSettleSql, TagRollup) and the delete trigger.</summary>
internal sealed class UsageTagHourlyConfiguration : IEntityTypeConfiguration<UsageTagHourly>
{
    public void Configure(EntityTypeBuilder<UsageTagHourly> builder)
    {
        builder.ToTable("usage_tag_hourly", t => t.HasCheckConstraint("ck_usage_tag_hourly_requests", "requests >= 0"));
        builder.HasKey(u => new { u.TenantId, u.Hour, u.Value });
        // The keys page looks up a period's few unmapped values.
        builder.HasIndex(u => new { u.Value, u.Hour });
        builder.Property(u => u.Value).HasMaxLength(UsageTagHourly.MaxValueLength);
    }
}
