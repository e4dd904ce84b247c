using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal static class SlugConversion
{
    public static PropertyBuilder<Slug> IsSlug(this PropertyBuilder<Slug> property) =>
        property.HasConversion(slug => slug.Value, text => Slug.Parse(text))
            .HasMaxLength(Slug.MaxLength)
            .IsRequired();
}
