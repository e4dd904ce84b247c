using FinOps.Application.Overview;
using FinOps.Application.Seeding;
using FinOps.Application.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FinOps.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddFinOpsApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddTransient<GetOverview>();
        services.AddTransient<SeedReferenceData>();
        services.AddTransient<MaintainUsagePartitions>();
        services.AddTransient<Operations.GetIngestTotals>();
        services.AddTransient<Demo.LoadDemoData>();
        services.AddTransient<Demo.LoadDemoMonth>();
        services.AddTransient<Demo.LoadDemoHistory>();
        services.AddTransient<Tenants.ListTenants>();
        services.AddTransient<Tenants.GetTenantUsage>();
        services.AddTransient<Ingest.IngestFile>();
        services.TryAddSingleton<Ingest.IIngestFollowUp, Ingest.NoIngestFollowUp>();
        services.AddTransient<Ingest.ListQuarantine>();
        services.AddTransient<Ingest.Channels.SubmitFiles>();
        services.AddTransient<Ingest.Channels.CleanUpSpool>();
        services.AddTransient<Ingest.Channels.ProcessQueuedFile>();
        services.AddTransient<Ingest.Channels.GetIngestBatch>();
        services.AddTransient<Ingest.Channels.ListIngestionHistory>();
        services.AddTransient<Ingest.Channels.SweepInbox>();
        services.AddSingleton<Ingest.Channels.IIngestProgressFeed, Ingest.Channels.InProcessIngestProgressFeed>();
        services.AddTransient<Access.ApiKeys.ManageApiKeys>();
        services.AddTransient<Reconciliation.RunReconciliation>();
        services.AddTransient<Allocation.ManageRules>();
        services.AddTransient<Allocation.ComputeStatements>();
        services.AddTransient<Allocation.GetStatements>();
        services.AddTransient<Allocation.ClosePeriod>();
        services.AddTransient<Invoicing.InvoiceDrafts>();
        services.AddTransient<Invoicing.GetInvoiceBoard>();
        services.AddTransient<Portal.GetTenantPortal>();
        services.AddTransient<Portal.ExportTenantDailyCosts>();
        services.AddTransient<Invoicing.ManageBillingProfiles>();
        services.AddTransient<Invoicing.FinaliseInvoices>();
        services.AddTransient<Invoicing.CreditInvoice>();
        services.AddTransient<Invoicing.RecordInvoicePayment>();
        services.AddTransient<Invoicing.ListInvoices>();
        services.AddTransient<Invoicing.RenderInvoices>();
        services.AddTransient<Invoicing.ShowInvoice>();
        services.AddTransient<Explorer.ExploreCosts>();
        services.AddTransient<Dashboards.GetSpendOverview>();
        services.AddTransient<Alerts.GetAlertInbox>();
        services.AddTransient<Budgets.GetBudgetBoard>();
        services.AddTransient<Tenants.GetDisplayNames>();
        services.AddTransient<Allocation.ListPeriods>();
        services.AddTransient<Allocation.GetClosedStatements>();
        services.AddTransient<Allocation.GetTenantStatements>();
        services.AddTransient<Periods.ReportingCalendar>();
        services.AddTransient<Allocation.PreviewRules>();
        services.AddTransient<Allocation.ListRules>();
        services.AddTransient<Allocation.GetDailyCosts>();
        services.AddTransient<Costs.RefreshCostSeries>();
        services.AddTransient<Costs.GetCostSeries>();
        services.AddTransient<Budgets.ManageBudgets>();
        services.AddTransient<Budgets.GetBudgetStatus>();
        services.AddTransient<Alerts.EvaluateAlerts>();
        services.AddTransient<Alerts.ForecastAlerts>();
        services.AddTransient<Forecasting.ScopeHistories>();
        services.AddTransient<Forecasting.GetForecasts>();
        services.AddTransient<Alerts.ListAlerts>();
        services.AddTransient<Alerts.AcknowledgeAlert>();
        services.AddTransient<Allocation.GetLineSources>();
        services.AddTransient<Reconciliation.ReconciliationPeriods>();
        services.AddTransient<Reconciliation.ReconciliationAlerts>();
        services.AddTransient<Reconciliation.AcknowledgeWindow>();
        services.AddTransient<Reconciliation.GetWindowDetail>();
        services.AddTransient<Reconciliation.GetLoggedUsageByDay>();
        services.AddTransient<Notifications.NotificationCentre>();
        services.AddTransient<Notifications.INotificationInbox>(sp => sp.GetRequiredService<Notifications.NotificationCentre>());
        services.AddTransient<Notifications.ManageWebhooks>();
        services.AddTransient<Notifications.DeliverWebhook>();
        services.AddTransient<Catalog.ImportPriceCards>();
        services.AddTransient<Catalog.ListPriceCards>();
        services.AddTransient<Reconciliation.GetReconciliation>();
        services.AddTransient<Catalog.ListUnmappedModels>();
        services.AddTransient<Catalog.AddModelAlias>();
        return services;
    }
}
