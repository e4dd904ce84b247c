using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class PriceCardConfiguration : IEntityTypeConfiguration<PriceCard>
{
    public void Configure(EntityTypeBuilder<PriceCard> builder)
    {
        builder.ToTable("price_cards", t =>
        {
            t.HasCheckConstraint("ck_price_cards_prices", "input_per_m_tok >= 0 and output_per_m_tok >= 0 and cached_input_per_m_tok >= 0");
            t.HasCheckConstraint("ck_price_cards_batch", "batch_discount_pct is null or batch_discount_pct between 0 and 100");
        });
        builder.Property(p => p.Id).UseIdentityAlwaysColumn();
        builder.Property(p => p.InputPerMTok).HasColumnType("numeric");
        builder.Property(p => p.OutputPerMTok).HasColumnType("numeric");
        builder.Property(p => p.CachedInputPerMTok).HasColumnType("numeric");
        builder.Property(p => p.BatchDiscountPct).HasColumnType("numeric");
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        // One card per model (or snapshot name of it) and start; the card in force at t is the latest effective_from <= t.
        builder.HasIndex(p => new { p.ModelId, p.ModelAliasId, p.EffectiveFrom }).IsUnique().AreNullsDistinct(false);
        builder.HasOne<Model>().WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelAlias>().WithMany().HasForeignKey(p => p.ModelAliasId).OnDelete(DeleteBehavior.Restrict);
    }
}
