using FinOps.Domain.Allocation;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FinOps.Infrastructure.Persistence.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.ToTable("invoices");
        builder.Property(i => i.Id).UseIdentityAlwaysColumn();
        builder.Property(i => i.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(i => i.Tenant).HasMaxLength(64);
        builder.Property(i => i.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(i => i.Total).HasColumnType("numeric");
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.Property(i => i.FinalisedBy).HasMaxLength(256);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Number).HasMaxLength(20);
        builder.Property(i => i.Parties).HasColumnType("jsonb");
        builder.HasIndex(i => i.Number).IsUnique();
        builder.HasIndex(i => new { i.NumberYear, i.NumberSequence }).IsUnique();
        builder.HasIndex(i => new { i.Period, i.TenantId }).IsUnique().HasFilter("reissue_of is null");
        builder.HasIndex(i => i.ReissueOf).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PeriodClose>().WithMany().HasForeignKey(i => i.Period).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(i => i.ReissueOf).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceLineConfiguration : IEntityTypeConfiguration<InvoiceLine>
{
    public void Configure(EntityTypeBuilder<InvoiceLine> builder)
    {
        builder.ToTable("invoice_lines");
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.LineKey).HasMaxLength(800);
        builder.Property(l => l.LineType).HasConversion<string>().HasMaxLength(16);
        foreach (var p in new[] { nameof(InvoiceLine.Feature), nameof(InvoiceLine.Provider), nameof(InvoiceLine.Model), nameof(InvoiceLine.Pool), nameof(InvoiceLine.RuleId) })
            builder.Property(p).HasMaxLength(200);
        builder.Property(l => l.Driver).HasMaxLength(32);
        builder.Property(l => l.AdjustsPeriod).HasMaxLength(7);
        foreach (var p in new[] { nameof(InvoiceLine.DriverQuantity), nameof(InvoiceLine.Share), nameof(InvoiceLine.Amount) })
            builder.Property(p).HasColumnType("numeric");
        builder.HasIndex(l => new { l.InvoiceId, l.Ordinal }).IsUnique();
        builder.HasOne<Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CreditNoteConfiguration : IEntityTypeConfiguration<CreditNote>
{
    public void Configure(EntityTypeBuilder<CreditNote> builder)
    {
        builder.ToTable("credit_notes");
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Number).HasMaxLength(20);
        builder.Property(c => c.Reason).HasMaxLength(500);
        builder.Property(c => c.IssuedBy).HasMaxLength(256);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength();
        builder.Property(c => c.Total).HasColumnType("numeric");
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.NumberYear, c.NumberSequence }).IsUnique();
        builder.HasIndex(c => c.InvoiceId).IsUnique();
        builder.HasOne<Invoice>().WithMany().HasForeignKey(c => c.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoiceDocumentConfiguration : IEntityTypeConfiguration<InvoiceDocument>
{
    public void Configure(EntityTypeBuilder<InvoiceDocument> builder)
    {
        builder.ToTable("invoice_documents", t => t.HasCheckConstraint("ck_invoice_documents_one_owner", "(invoice_id is null) <> (credit_note_id is null)"));
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(d => d.InvoiceId).IsUnique();
        builder.HasIndex(d => d.CreditNoteId).IsUnique();
        builder.HasOne<Invoice>().WithMany().HasForeignKey(d => d.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditNote>().WithMany().HasForeignKey(d => d.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvoicePaymentConfiguration : IEntityTypeConfiguration<InvoicePayment>
{
    public void Configure(EntityTypeBuilder<InvoicePayment> builder)
    {
        builder.ToTable("invoice_payments");
        builder.HasKey(p => p.InvoiceId);
        builder.Property(p => p.Reference).HasMaxLength(200);
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        builder.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> builder)
    {
        builder.ToTable("document_counters");
        builder.HasKey(c => new { c.Series, c.Year });
        builder.Property(c => c.Series).HasMaxLength(8);
    }
}

internal sealed class OrganisationBillingConfiguration : IEntityTypeConfiguration<OrganisationBillingRecord>
{
    public void Configure(EntityTypeBuilder<OrganisationBillingRecord> builder)
    {
        builder.ToTable("organisation_billing", t => t.HasCheckConstraint("ck_organisation_billing_singleton", "id = 1"));
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.Property(o => o.LegalName).HasMaxLength(200);
        builder.Property(o => o.Address).HasMaxLength(500);
        builder.Property(o => o.TaxId).HasMaxLength(50);
        builder.Property(o => o.RemitTo).HasMaxLength(500);
        builder.Property(o => o.Footer).HasMaxLength(500);
        builder.Property(o => o.Paper).HasMaxLength(8);
        builder.Property(o => o.AmountFormat).HasMaxLength(8);
        builder.Property(o => o.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class TenantBillingConfiguration : IEntityTypeConfiguration<TenantBillingRecord>
{
    public void Configure(EntityTypeBuilder<TenantBillingRecord> builder)
    {
        builder.ToTable("tenant_billing_profiles");
        builder.HasKey(t => t.TenantId);
        builder.Property(t => t.LegalName).HasMaxLength(200);
        builder.Property(t => t.Address).HasMaxLength(500);
        builder.Property(t => t.Country).HasMaxLength(2);
        builder.Property(t => t.TaxId).HasMaxLength(50);
        builder.Property(t => t.Email).HasMaxLength(254);
        builder.Property(t => t.PoNumber).HasMaxLength(50);
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PeriodPurchaseOrderConfiguration : IEntityTypeConfiguration<PeriodPurchaseOrder>
{
    public void Configure(EntityTypeBuilder<PeriodPurchaseOrder> builder)
    {
        builder.ToTable("tenant_purchase_orders");
        builder.HasKey(p => new { p.TenantId, p.Period });
        builder.Property(p => p.Period).HasMaxLength(7).IsFixedLength();
        builder.Property(p => p.PoNumber).HasMaxLength(50);
        builder.Property(p => p.SetBy).HasMaxLength(256);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
