using FinOps.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class OrganisationSettingsConfiguration : IEntityTypeConfiguration<OrganisationSettings>
{
    public void Configure(EntityTypeBuilder<OrganisationSettings> builder)
    {
        builder.ToTable("organisation_settings", t => t.HasCheckConstraint("ck_organisation_settings_singleton", "id = 1"));
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.ReportingTimeZone).HasMaxLength(64);
        builder.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(s => s.RunawayMaxCallsPerHour).HasDefaultValue(200);
        builder.Property(s => s.RunawayCostLimitPerHour).HasColumnType("numeric");
        builder.Ignore(s => s.Runaway);
        builder.HasData(new OrganisationSettings());
    }
}
