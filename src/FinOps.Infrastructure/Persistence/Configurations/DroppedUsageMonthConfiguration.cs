using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

/// <summary>Written only by drop_token_usage_partition (in the statement that drops the month), read by ingest and the retention report.</summary>
internal sealed class DroppedUsageMonthConfiguration : IEntityTypeConfiguration<DroppedUsageMonth>
{
    public void Configure(EntityTypeBuilder<DroppedUsageMonth> builder)
    {
        builder.ToTable("dropped_usage_months", t =>
        {
            t.HasCheckConstraint("ck_dropped_usage_months_first_day", "extract(day from month) = 1");
            t.HasCheckConstraint("ck_dropped_usage_months_counts", "requests >= 0 and bytes >= 0");
        });
        builder.HasKey(d => d.Month);
    }
}
