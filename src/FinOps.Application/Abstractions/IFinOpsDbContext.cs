using FinOps.Domain.Access;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Catalog;
using FinOps.Domain.Infra;
using FinOps.Domain.Ingestion;
using FinOps.Domain.Organisation;
using FinOps.Domain.Tenancy;
using FinOps.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Abstractions;

/// <summary>
/// The use cases' view of the database: EF Core sets, no repository over them (ADR 0002). One instance per
/// operation, made by <see cref="IFinOpsDbContextFactory"/> — Blazor circuits never hold one.
/// </summary>
public interface IFinOpsDbContext : IAsyncDisposable
{
    DbSet<Tenant> Tenants { get; }
    DbSet<Feature> Features { get; }
    DbSet<TenantMerge> TenantMerges { get; }
    DbSet<FeatureMerge> FeatureMerges { get; }
    DbSet<TenantAssignment> TenantAssignments { get; }
    DbSet<Provider> Providers { get; }
    DbSet<Model> Models { get; }
    DbSet<ModelAlias> ModelAliases { get; }
    DbSet<PriceCard> PriceCards { get; }

    /// <summary>Raw requests: read only with a tenant and time range (partition pruning); pages use <see cref="UsageHourly"/>.</summary>
    DbSet<TokenUsage> TokenUsage { get; }

    DbSet<UsageHourly> UsageHourly { get; }

    /// <summary>Workflow executions (traces) summed per hour at ingest: what the workflows page reads.</summary>
    DbSet<UsageTraceHourly> UsageTraceHourly { get; }

    /// <summary>Requests per tenant × hour × tag value, counted at ingest: what vendor-key suggestions read.</summary>
    DbSet<UsageTagHourly> UsageTagHourly { get; }

    /// <summary>UTC months whose raw requests retention dropped (their rollups stay).</summary>
    DbSet<DroppedUsageMonth> DroppedUsageMonths { get; }
    DbSet<UsageDaily> UsageDaily { get; }
    DbSet<BillingLine> BillingLines { get; }
    DbSet<VendorAttributionKey> VendorAttributionKeys { get; }
    DbSet<CommitmentRecord> Commitments { get; }
    DbSet<InfraCost> InfraCosts { get; }
    DbSet<IngestionBatch> IngestionBatches { get; }
    DbSet<IngestionFile> IngestionFiles { get; }
    DbSet<QuarantinedRow> QuarantinedRows { get; }
    DbSet<QueuedFile> QueuedFiles { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<FinOps.Domain.Reconciliation.ReconciliationRun> ReconciliationRuns { get; }
    DbSet<FinOps.Domain.Reconciliation.ReconciliationRow> ReconciliationRows { get; }
    DbSet<FinOps.Domain.Reconciliation.WindowAcknowledgement> WindowAcknowledgements { get; }
    DbSet<FinOps.Domain.Notifications.Alert> Alerts { get; }
    DbSet<FinOps.Domain.Notifications.AlertRead> AlertReads { get; }
    DbSet<FinOps.Domain.Costs.CostSeriesDay> CostSeries { get; }
    DbSet<FinOps.Domain.Costs.CostSeriesState> CostSeriesStates { get; }
    DbSet<FinOps.Domain.Budgets.StoredBudget> Budgets { get; }
    DbSet<FinOps.Domain.Notifications.WebhookEndpoint> WebhookEndpoints { get; }
    DbSet<FinOps.Domain.Notifications.WebhookDelivery> WebhookDeliveries { get; }
    DbSet<FinOps.Domain.Allocation.AllocationRuleVersion> AllocationRules { get; }
    DbSet<FinOps.Domain.Allocation.StatementRun> StatementRuns { get; }
    DbSet<FinOps.Domain.Allocation.StatementRecord> StatementLines { get; }
    DbSet<FinOps.Domain.Allocation.PeriodClose> PeriodCloses { get; }
    DbSet<FinOps.Domain.Allocation.ClosedStatementLine> ClosedStatementLines { get; }
    DbSet<FinOps.Domain.Invoicing.Invoice> Invoices { get; }
    DbSet<FinOps.Domain.Invoicing.InvoiceLine> InvoiceLines { get; }
    DbSet<FinOps.Domain.Invoicing.CreditNote> CreditNotes { get; }
    DbSet<FinOps.Domain.Invoicing.InvoiceDocument> InvoiceDocuments { get; }
    DbSet<FinOps.Domain.Invoicing.InvoicePayment> InvoicePayments { get; }
    DbSet<FinOps.Domain.Invoicing.DocumentCounter> DocumentCounters { get; }
    DbSet<FinOps.Domain.Invoicing.OrganisationBillingRecord> OrganisationBilling { get; }
    DbSet<FinOps.Domain.Invoicing.TenantBillingRecord> TenantBillingProfiles { get; }
    DbSet<FinOps.Domain.Invoicing.PeriodPurchaseOrder> PurchaseOrders { get; }
    DbSet<AuditEntry> AuditLog { get; }
    DbSet<OrganisationSettings> OrganisationSettings { get; }

    /// <summary>The scope every tenant-bearing query of this context is filtered by.</summary>
    AccessScope Scope { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>For use cases that replace a set whole (a reconciliation run): one explicit transaction.</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }
}

public interface IFinOpsDbContextFactory
{
    Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Contexts for what pages and exports read: a streaming replica when one is configured, else the primary. Nothing is
/// ever written through them (a replica refuses writes); <see cref="IDataFreshness"/> says how current they are.
/// </summary>
public interface IFinOpsReadDbContextFactory
{
    Task<IFinOpsDbContext> CreateAsync(CancellationToken cancellationToken = default);
}

/// <summary>How current the data pages read is: null when they read the primary (live), else the replica's as-of.</summary>
public interface IDataFreshness
{
    Task<DataAsOf?> GetAsync(CancellationToken cancellationToken);
}

/// <summary>The replica has replayed everything up to <paramref name="AsOf"/>; <paramref name="CaughtUp"/> when it has replayed all it received.</summary>
public sealed record DataAsOf(DateTimeOffset AsOf, bool CaughtUp, TimeSpan Behind);
