using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class CommitmentRecordConfiguration : IEntityTypeConfiguration<CommitmentRecord>
{
    public void Configure(EntityTypeBuilder<CommitmentRecord> builder)
    {
        builder.ToTable("commitments");
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Commitment).HasMaxLength(500);
        builder.Property(c => c.Deployment).HasMaxLength(200);
        builder.Property(c => c.CapacityTokensPerMinute).HasColumnType("numeric");
        builder.Property(c => c.DeclaredBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.ProviderId, c.Commitment, c.EffectiveFrom }).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}
