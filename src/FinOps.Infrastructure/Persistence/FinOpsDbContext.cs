using FinOps.Application.Abstractions;
using FinOps.Domain.Access;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using FinOps.Domain.Infra;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Organisation;
using FinOps.Domain.Tenancy;
using FinOps.Domain.Usage;
using FinOps.Infrastructure.Identity;
using FinOps.Infrastructure.Persistence.Configurations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Infrastructure.Persistence;

public sealed class FinOpsDbContext(DbContextOptions<FinOpsDbContext> options)
    : IdentityDbContext<FinOpsUser, IdentityRole, string>(options), IFinOpsDbContext
{
    /// <summary>
    /// Whose rows this context may read. Nothing until <see cref="FinOpsDbContextFactory"/> sets the caller's
    /// scope, so a context made any other way fails closed.
    /// </summary>
    public AccessScope Scope { get; internal set; } = AccessScope.Nothing;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Feature> Features => Set<Feature>();
    public DbSet<TenantMerge> TenantMerges => Set<TenantMerge>();
    public DbSet<FeatureMerge> FeatureMerges => Set<FeatureMerge>();
    public DbSet<TenantAssignment> TenantAssignments => Set<TenantAssignment>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();
    public DbSet<PriceCard> PriceCards => Set<PriceCard>();
    public DbSet<TokenUsage> TokenUsage => Set<TokenUsage>();
    public DbSet<UsageHourly> UsageHourly => Set<UsageHourly>();
    public DbSet<DroppedUsageMonth> DroppedUsageMonths => Set<DroppedUsageMonth>();
    public DbSet<UsageTraceHourly> UsageTraceHourly => Set<UsageTraceHourly>();
    public DbSet<UsageTagHourly> UsageTagHourly => Set<UsageTagHourly>();
    public DbSet<UsageDaily> UsageDaily => Set<UsageDaily>();
    public DbSet<BillingLine> BillingLines => Set<BillingLine>();
    public DbSet<VendorAttributionKey> VendorAttributionKeys => Set<VendorAttributionKey>();
    public DbSet<CommitmentRecord> Commitments => Set<CommitmentRecord>();
    public DbSet<InfraCost> InfraCosts => Set<InfraCost>();
    public DbSet<IngestionBatch> IngestionBatches => Set<IngestionBatch>();
    public DbSet<IngestionFile> IngestionFiles => Set<IngestionFile>();
    public DbSet<QuarantinedRow> QuarantinedRows => Set<QuarantinedRow>();
    public DbSet<QueuedFile> QueuedFiles => Set<QueuedFile>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<FinOps.Domain.Reconciliation.ReconciliationRun> ReconciliationRuns => Set<FinOps.Domain.Reconciliation.ReconciliationRun>();
    public DbSet<FinOps.Domain.Reconciliation.ReconciliationRow> ReconciliationRows => Set<FinOps.Domain.Reconciliation.ReconciliationRow>();
    public DbSet<FinOps.Domain.Reconciliation.WindowAcknowledgement> WindowAcknowledgements => Set<FinOps.Domain.Reconciliation.WindowAcknowledgement>();
    public DbSet<FinOps.Domain.Notifications.Alert> Alerts => Set<FinOps.Domain.Notifications.Alert>();
    public DbSet<FinOps.Domain.Notifications.AlertRead> AlertReads => Set<FinOps.Domain.Notifications.AlertRead>();
    public DbSet<FinOps.Domain.Notifications.WebhookEndpoint> WebhookEndpoints => Set<FinOps.Domain.Notifications.WebhookEndpoint>();
    public DbSet<FinOps.Domain.Notifications.WebhookDelivery> WebhookDeliveries => Set<FinOps.Domain.Notifications.WebhookDelivery>();
    public DbSet<FinOps.Domain.Allocation.AllocationRuleVersion> AllocationRules => Set<FinOps.Domain.Allocation.AllocationRuleVersion>();
    public DbSet<FinOps.Domain.Allocation.StatementRun> StatementRuns => Set<FinOps.Domain.Allocation.StatementRun>();
    public DbSet<FinOps.Domain.Allocation.StatementRecord> StatementLines => Set<FinOps.Domain.Allocation.StatementRecord>();
    public DbSet<FinOps.Domain.Allocation.PeriodClose> PeriodCloses => Set<FinOps.Domain.Allocation.PeriodClose>();
    public DbSet<FinOps.Domain.Allocation.ClosedStatementLine> ClosedStatementLines => Set<FinOps.Domain.Allocation.ClosedStatementLine>();
    public DbSet<FinOps.Domain.Invoicing.Invoice> Invoices => Set<FinOps.Domain.Invoicing.Invoice>();
    public DbSet<FinOps.Domain.Invoicing.InvoiceLine> InvoiceLines => Set<FinOps.Domain.Invoicing.InvoiceLine>();
    public DbSet<FinOps.Domain.Invoicing.CreditNote> CreditNotes => Set<FinOps.Domain.Invoicing.CreditNote>();
    public DbSet<FinOps.Domain.Invoicing.InvoiceDocument> InvoiceDocuments => Set<FinOps.Domain.Invoicing.InvoiceDocument>();
    public DbSet<FinOps.Domain.Invoicing.InvoicePayment> InvoicePayments => Set<FinOps.Domain.Invoicing.InvoicePayment>();
    public DbSet<FinOps.Domain.Invoicing.DocumentCounter> DocumentCounters => Set<FinOps.Domain.Invoicing.DocumentCounter>();
    public DbSet<FinOps.Domain.Invoicing.OrganisationBillingRecord> OrganisationBilling => Set<FinOps.Domain.Invoicing.OrganisationBillingRecord>();
    public DbSet<FinOps.Domain.Invoicing.TenantBillingRecord> TenantBillingProfiles => Set<FinOps.Domain.Invoicing.TenantBillingRecord>();
    public DbSet<FinOps.Domain.Invoicing.PeriodPurchaseOrder> PurchaseOrders => Set<FinOps.Domain.Invoicing.PeriodPurchaseOrder>();
    public DbSet<FinOps.Domain.Costs.CostSeriesDay> CostSeries => Set<FinOps.Domain.Costs.CostSeriesDay>();
    public DbSet<FinOps.Domain.Costs.CostSeriesState> CostSeriesStates => Set<FinOps.Domain.Costs.CostSeriesState>();
    public DbSet<FinOps.Domain.Budgets.StoredBudget> Budgets => Set<FinOps.Domain.Budgets.StoredBudget>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.RenameIdentityTables();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(FinOpsDbContext).Assembly);
        ApplyTenantScope(modelBuilder);
    }

    /// <summary>
    /// The one place tenant scoping happens: every entity that carries a tenant is filtered by <see cref="Scope"/>
    /// in every query, whatever page, API or use case asks. A new tenant-bearing entity must be added here.
    /// </summary>
    private void ApplyTenantScope(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Tenant>().HasQueryFilter(t => Scope.IsUnrestricted || Scope.TenantIds.Contains(t.Id));
        modelBuilder.Entity<TenantMerge>().HasQueryFilter(m => Scope.IsUnrestricted || Scope.TenantIds.Contains(m.IntoTenantId));
        modelBuilder.Entity<TenantAssignment>().HasQueryFilter(a => Scope.IsUnrestricted || Scope.TenantIds.Contains(a.TenantId));
        modelBuilder.Entity<TokenUsage>().HasQueryFilter(u => Scope.IsUnrestricted || Scope.TenantIds.Contains(u.TenantId));
        modelBuilder.Entity<UsageHourly>().HasQueryFilter(u => Scope.IsUnrestricted || Scope.TenantIds.Contains(u.TenantId));
        modelBuilder.Entity<UsageTraceHourly>().HasQueryFilter(u => Scope.IsUnrestricted || Scope.TenantIds.Contains(u.TenantId));
        modelBuilder.Entity<UsageTagHourly>().HasQueryFilter(u => Scope.IsUnrestricted || Scope.TenantIds.Contains(u.TenantId));
        modelBuilder.Entity<UsageDaily>().HasQueryFilter(u => Scope.IsUnrestricted || Scope.TenantIds.Contains(u.TenantId));
        modelBuilder.Entity<FinOps.Domain.Budgets.StoredBudget>().HasQueryFilter(b => Scope.IsUnrestricted || Scope.TenantIds.Contains(b.TenantId));
        // An alert with a tenant is its team leads' too; one without (a reconciliation window) is finance's alone.
        modelBuilder.Entity<FinOps.Domain.Notifications.Alert>().HasQueryFilter(a =>
            Scope.IsUnrestricted || (a.TenantId != null && Scope.TenantIds.Contains(a.TenantId.Value)));
        modelBuilder.Entity<VendorAttributionKey>().HasQueryFilter(k =>
            Scope.IsUnrestricted || (k.TenantId != null && Scope.TenantIds.Contains(k.TenantId.Value)));
        // A tenant's documents and billing details are its own: the invoice carries the tenant, its parts follow the invoice.
        modelBuilder.Entity<FinOps.Domain.Invoicing.Invoice>().HasQueryFilter(i => Scope.IsUnrestricted || Scope.TenantIds.Contains(i.TenantId));
        modelBuilder.Entity<FinOps.Domain.Invoicing.InvoiceLine>().HasQueryFilter(l => Scope.IsUnrestricted || Invoices.Any(i => i.Id == l.InvoiceId));
        modelBuilder.Entity<FinOps.Domain.Invoicing.CreditNote>().HasQueryFilter(c => Scope.IsUnrestricted || Invoices.Any(i => i.Id == c.InvoiceId));
        modelBuilder.Entity<FinOps.Domain.Invoicing.InvoicePayment>().HasQueryFilter(p => Scope.IsUnrestricted || Invoices.Any(i => i.Id == p.InvoiceId));
        modelBuilder.Entity<FinOps.Domain.Invoicing.InvoiceDocument>().HasQueryFilter(d => Scope.IsUnrestricted
            || (d.InvoiceId != null && Invoices.Any(i => i.Id == d.InvoiceId)) || (d.CreditNoteId != null && CreditNotes.Any(c => c.Id == d.CreditNoteId)));
        modelBuilder.Entity<FinOps.Domain.Invoicing.TenantBillingRecord>().HasQueryFilter(b => Scope.IsUnrestricted || Scope.TenantIds.Contains(b.TenantId));
        modelBuilder.Entity<FinOps.Domain.Invoicing.PeriodPurchaseOrder>().HasQueryFilter(o => Scope.IsUnrestricted || Scope.TenantIds.Contains(o.TenantId));
    }
}
