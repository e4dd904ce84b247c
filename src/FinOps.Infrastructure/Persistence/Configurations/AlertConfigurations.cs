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

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Key).HasMaxLength(400);
        builder.Property(a => a.Kind).HasMaxLength(64);
        builder.Property(a => a.Title).HasMaxLength(300);
        builder.Property(a => a.Link).HasMaxLength(500);
        builder.Property(a => a.GroupKey).HasMaxLength(400);
        builder.Property(a => a.GroupTitle).HasMaxLength(300);
        builder.Property(a => a.Tenant).HasMaxLength(64);
        builder.Property(a => a.Feature).HasMaxLength(64);
        builder.Property(a => a.Period).HasMaxLength(7);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(AlertStatus.Open).HasSentinel((AlertStatus)(-1));
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.AcknowledgementNote).HasMaxLength(2000);
        builder.HasIndex(a => a.Key).IsUnique();
        builder.HasIndex(a => a.CreatedAt);
        builder.HasIndex(a => new { a.Period, a.Kind });
        builder.HasOne<FinOps.Domain.Tenancy.Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlertReadConfiguration : IEntityTypeConfiguration<AlertRead>
{
    public void Configure(EntityTypeBuilder<AlertRead> builder)
    {
        builder.ToTable("alert_reads");
        builder.HasKey(r => new { r.AlertId, r.UserId });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasOne<Alert>().WithMany().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Cascade);
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
