using FinOps.Domain.Access;
using FinOps.Domain.Tenancy;
using FinOps.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class TenantAssignmentConfiguration : IEntityTypeConfiguration<TenantAssignment>
{
    public void Configure(EntityTypeBuilder<TenantAssignment> builder)
    {
        builder.ToTable("tenant_assignments");
        builder.HasKey(a => new { a.UserId, a.TenantId });
        builder.HasOne<FinOpsUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
