using FinOps.Domain.Catalog;
using FinOps.Domain.Notifications;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class WindowAcknowledgementConfiguration : IEntityTypeConfiguration<WindowAcknowledgement>
{
    public void Configure(EntityTypeBuilder<WindowAcknowledgement> builder)
    {
        builder.ToTable("window_acknowledgements");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Model).HasMaxLength(200);
        builder.Property(a => a.Note).HasMaxLength(2000);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.ProviderId, a.Model, a.WindowStart, a.WindowEnd }).IsUnique();
        builder.HasOne<Provider>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Id).UseIdentityAlwaysColumn();
        builder.Property(n => n.Key).HasMaxLength(400);
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Link).HasMaxLength(500);
        builder.Property(n => n.GroupKey).HasMaxLength(400);
        builder.Property(n => n.GroupTitle).HasMaxLength(300);
        builder.HasIndex(n => n.Key).IsUnique();
        builder.HasIndex(n => n.CreatedAt);
    }
}

internal sealed class NotificationReadConfiguration : IEntityTypeConfiguration<NotificationRead>
{
    public void Configure(EntityTypeBuilder<NotificationRead> builder)
    {
        builder.ToTable("notification_reads");
        builder.HasKey(r => new { r.NotificationId, r.UserId });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasOne<Notification>().WithMany().HasForeignKey(r => r.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("webhook_endpoints");
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.Url).HasMaxLength(2000);
        builder.Property(e => e.Secret).HasMaxLength(200);
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.Event).HasMaxLength(64);
        // Text, not jsonb: the body is signed byte for byte, and jsonb would rewrite it.
        builder.Property(d => d.Payload).HasColumnType("text");
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastResponse).HasMaxLength(2000);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
