using FinOps.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class IngestionBatchConfiguration : IEntityTypeConfiguration<IngestionBatch>
{
    public void Configure(EntityTypeBuilder<IngestionBatch> builder)
    {
        builder.ToTable("ingestion_batches");
        builder.Property(b => b.Id).UseIdentityAlwaysColumn();
        builder.Property(b => b.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class IngestionFileConfiguration : IEntityTypeConfiguration<IngestionFile>
{
    public void Configure(EntityTypeBuilder<IngestionFile> builder)
    {
        builder.ToTable("ingestion_files");
        builder.Property(f => f.Id).UseIdentityAlwaysColumn();
        builder.Property(f => f.FileName).HasMaxLength(500);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Format).HasMaxLength(64);
        builder.Property(f => f.Source).HasMaxLength(64);
        builder.Property(f => f.UploadedBy).HasMaxLength(256);
        // "Seen this file before?" is asked on every upload.
        builder.HasIndex(f => new { f.Sha256, f.Kind });
        builder.HasIndex(f => f.UploadedAt);
        builder.HasOne<IngestionBatch>().WithMany().HasForeignKey(f => f.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(f => f.SupersededByFileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuarantinedRowConfiguration : IEntityTypeConfiguration<QuarantinedRow>
{
    public void Configure(EntityTypeBuilder<QuarantinedRow> builder)
    {
        builder.ToTable("quarantined_rows");
        builder.Property(q => q.Id).UseIdentityAlwaysColumn();
        builder.Property(q => q.ColumnName).HasMaxLength(200);
        builder.Property(q => q.Reason).HasMaxLength(1000);
        builder.HasIndex(q => new { q.FileId, q.LineNumber });
        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(q => q.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QueuedFileConfiguration : IEntityTypeConfiguration<QueuedFile>
{
    public void Configure(EntityTypeBuilder<QueuedFile> builder)
    {
        builder.ToTable("queued_files");
        builder.Property(q => q.Id).UseIdentityAlwaysColumn();
        builder.Property(q => q.FileName).HasMaxLength(500);
        builder.Property(q => q.SpoolPath).HasMaxLength(1000);
        builder.Property(q => q.Format).HasMaxLength(64);
        builder.Property(q => q.Source).HasMaxLength(64);
        builder.Property(q => q.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Result).HasMaxLength(32);
        builder.HasIndex(q => q.BatchId);
        builder.HasIndex(q => q.Status);
        builder.HasOne<IngestionBatch>().WithMany().HasForeignKey(q => q.BatchId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<IngestionFile>().WithMany().HasForeignKey(q => q.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
