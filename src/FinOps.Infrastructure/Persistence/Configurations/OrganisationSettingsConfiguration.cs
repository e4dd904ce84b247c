using FinOps.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.ToTable("organisation_settings", t =>
        {
            t.HasCheckConstraint("ck_organisation_settings_singleton", "id = 1");
            t.HasCheckConstraint("ck_organisation_settings_raw_usage_retention",
                $"raw_usage_retention_months between {FinOps.Domain.Usage.RawUsageRetention.MinMonths} and {FinOps.Domain.Usage.RawUsageRetention.MaxMonths}");
        });
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ReportingTimeZone).HasMaxLength(64);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.RunawayMaxCallsPerHour).HasDefaultValue(200);
        builder.Property(s => s.RunawayCostLimitPerHour).HasColumnType("numeric");
        builder.Ignore(s => s.Runaway);
        builder.Property(s => s.RawUsageRetentionMonths).HasDefaultValue(FinOps.Domain.Usage.RawUsageRetention.DefaultMonths);
        builder.Ignore(s => s.RawUsageRetention);
        builder.HasData(new OrganisationSettings());
    }
}
