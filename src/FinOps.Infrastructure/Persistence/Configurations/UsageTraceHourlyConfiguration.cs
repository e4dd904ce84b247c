using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

/// <summary>Kept by ingest (UsageSettleSql, TraceRollup) and the delete trigger; tenant_id leads like every usage key.</summary>
internal sealed class UsageTraceHourlyConfiguration : IEntityTypeConfiguration<UsageTraceHourly>
{
    public void Configure(EntityTypeBuilder<UsageTraceHourly> builder)
    {
        builder.ToTable("usage_trace_hourly", t => t.HasCheckConstraint("ck_usage_trace_hourly_counts",
            "calls > 0 and input_tokens >= 0 and cached_input_tokens >= 0 and output_tokens >= 0 and first_at <= last_at"));
        builder.HasKey(u => new { u.TenantId, u.Hour, u.TraceId, u.FeatureId, u.ModelId, u.ModelAliasId, u.Batch });
        // The workflows page reads a period's executions across tenants.
        builder.HasIndex(u => u.Hour);
        builder.Property(u => u.TraceId).HasMaxLength(200);
        builder.Property(u => u.Workflow).HasMaxLength(200);
    }
}
