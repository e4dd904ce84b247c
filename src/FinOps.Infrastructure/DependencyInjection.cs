using FinOps.Application.Abstractions;
using FinOps.Application.Database;
using FinOps.Application.Usage;
using FinOps.Infrastructure.Identity;
using FinOps.Infrastructure.Jobs;
using FinOps.Infrastructure.Persistence;
using FinOps.Infrastructure.Usage;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace FinOps.Infrastructure;

public static class DependencyInjection
{
    public const string MigrationsAssembly = "FinOps.Migrations";
    public const string HangfireSchema = "hangfire";

    /// <param name="connectionString">The app's connection (FINOPS_DB).</param>
    /// <param name="ownerConnectionString">The schema owner's (FINOPS_DB_OWNER), when the app runs as a role of its own.</param>
    /// <param name="readConnectionString">A streaming replica for pages and exports (FINOPS_DB_READ), if any.</param>
    public static IServiceCollection AddFinOpsInfrastructure(this IServiceCollection services, string connectionString, string? ownerConnectionString = null,
        string? readConnectionString = null)
    {
        services.AddSingleton(new DatabaseRoles(connectionString, ownerConnectionString));
        services.AddSingleton(_ => new BulkLoadDatabase(connectionString));
        // One data source for EF Core and raw Npgsql (COPY, partition DDL): one pool, one configuration.
        // Made by the container so that disposing it closes the pool.
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString) { Name = "finops" }.Build());
        services.AddDbContextFactory<FinOpsDbContext>((provider, options) =>
            options.UseFinOpsDatabase(provider.GetRequiredService<NpgsqlDataSource>()));
        // The scoped context is Identity's store (its scope stays Nothing: user tables carry no tenant rows).
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<FinOpsDbContext>>().CreateDbContext());
        // Scoped: each context carries the scope of the caller (ICurrentScope, registered by the host).
        services.AddScoped<IFinOpsDbContextFactory, FinOpsDbContextFactory>();
        services.AddSingleton(provider => readConnectionString is null
            ? new ReadDatabase(provider.GetRequiredService<NpgsqlDataSource>(), isReplica: false)
            : new ReadDatabase(new NpgsqlDataSourceBuilder(readConnectionString) { Name = "finops-read" }.Build(), isReplica: true));
        services.AddScoped<IFinOpsReadDbContextFactory, FinOpsReadDbContextFactory>();
        services.AddSingleton<IDataFreshness, ReplicaFreshness>();
        services.AddFinOpsIdentityCore();
        services.AddSingleton<ISchemaMigrator, SchemaMigrator>();
        services.AddSingleton<IUsagePartitions, UsagePartitions>();
        services.AddSingleton<FinOps.Application.Ingest.Channels.IQueuedFileClaims, Jobs.QueuedFileClaims>();
        services.AddTransient<UsagePartitionMaintenanceJob>();
        services.AddTransient<UsageRetentionJob>();
        services.AddSingleton(FinOps.Domain.Ingest.IngestThresholds.Default);
        services.AddSingleton(new Ingest.IngestLoadOptions());
        services.AddSingleton<FinOps.Application.Demo.IDemoMonthGenerator, Demo.DemoMonthGenerator>();
        services.AddSingleton<FinOps.Application.Costs.ICostSeriesWriter, Costs.CostSeriesWriter>();
        // Fonts for scripts the bundled DejaVu cut lacks: FINOPS_PDF_FALLBACK_FONTS (files, ':'-separated) or Debian's usual places.
        services.AddSingleton(new Documents.DocumentFonts(
            Environment.GetEnvironmentVariable("FINOPS_PDF_FALLBACK_FONTS") is { Length: > 0 } fallbacks ? fallbacks.Split(':', StringSplitOptions.RemoveEmptyEntries) : null));
        services.AddSingleton<FinOps.Application.Invoicing.IInvoiceRenderer, Documents.InvoicePdf>();
        services.AddSingleton<FinOps.Application.Notifications.IWebhookTransport>(
            new Notifications.HttpWebhookTransport(new HttpClient { Timeout = TimeSpan.FromSeconds(15) }));
        services.TryAddSingleton<FinOps.Application.Notifications.IWebhookScheduler, Jobs.NoWebhookScheduler>();
        services.AddSingleton(new FinOps.Application.Ingest.Channels.IngestFolders(
            Environment.GetEnvironmentVariable("FINOPS_SPOOL_DIR") is { Length: > 0 } spool ? spool : Path.Combine(Path.GetTempPath(), "finops-spool"),
            Environment.GetEnvironmentVariable("FINOPS_INBOX_DIR") is { Length: > 0 } inbox ? inbox : null));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Usage.UsageCsvLoader(new Ingest.Usage.CanonicalUsage()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Usage.UsageCsvLoader(new Ingest.LiteLlm.LiteLlmUsage()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Usage.UsageCsvLoader(new Ingest.OTel.OTelUsage()));
        services.AddSingleton<Ingest.IStagedFormat, Ingest.Infra.InfraCsvLoader>();
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.Focus.FocusBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.Cur.CurBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.Azure.AzureBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.OpenAi.OpenAiCostBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.Anthropic.AnthropicCostBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.OpenAi.OpenAiCostsJsonBilling()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.VendorUsage.OpenAiUsageReport()));
        services.AddSingleton<Ingest.IStagedFormat>(new Ingest.Billing.BillingCsvLoader(new Ingest.VendorUsage.AnthropicUsageReport()));
        services.AddSingleton<FinOps.Application.Ingest.IIngestPipeline, Ingest.IngestPipeline>();
        services.AddSingleton<FinOps.Application.Catalog.IBillingModelResolver, Ingest.Billing.BillingModelResolver>();
        return services;
    }

    /// <summary>
    /// Hangfire on PostgreSQL (schema <c>hangfire</c>: created by Hangfire itself, or by the schema owner's migration
    /// run when the app has a role of its own and may not create tables); the host decides whether to run a server.
    /// </summary>
    public static IServiceCollection AddFinOpsJobs(this IServiceCollection services, string connectionString, string? ownerConnectionString = null)
    {
        var prepareSchema = !new DatabaseRoles(connectionString, ownerConnectionString).Separated;
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new JobLogContextFilter())
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions { SchemaName = HangfireSchema, PrepareSchemaIfNecessary = prepareSchema }));
        services.AddSingleton<FinOps.Application.Ingest.Channels.IIngestJobScheduler, Jobs.HangfireIngestJobScheduler>();
        // Where jobs can be enqueued, a stored file asks for its periods to be reconciled.
        services.Replace(ServiceDescriptor.Transient<FinOps.Application.Ingest.IIngestFollowUp, Jobs.ReconcileAfterIngest>());
        services.Replace(ServiceDescriptor.Singleton<FinOps.Application.Notifications.IWebhookScheduler, Jobs.HangfireWebhookScheduler>());
        return services;
    }

    /// <summary>
    /// The ingest feed through PostgreSQL, for hosts where jobs and pages may be different processes: every process
    /// publishes with NOTIFY, and those that show pages (<paramref name="listen"/>) hear every worker's.
    /// </summary>
    public static IServiceCollection AddFinOpsIngestFeedAcrossProcesses(this IServiceCollection services, bool listen)
    {
        services.AddSingleton<Jobs.Progress.PostgresIngestProgressFeed>();
        services.Replace(ServiceDescriptor.Singleton<FinOps.Application.Ingest.Channels.IIngestProgressFeed>(
            provider => provider.GetRequiredService<Jobs.Progress.PostgresIngestProgressFeed>()));
        if (listen)
        {
            services.AddSingleton<Jobs.Progress.IngestFeedListener>();
            services.AddHostedService(provider => provider.GetRequiredService<Jobs.Progress.IngestFeedListener>());
        }
        return services;
    }

    /// <summary>The one place the provider is configured, shared by the app, the CLI and design-time tooling.</summary>
    public static DbContextOptionsBuilder UseFinOpsDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, ConfigureNpgsql).UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseFinOpsDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, ConfigureNpgsql).UseSnakeCaseNamingConvention();

    private static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(MigrationsAssembly).MigrationsHistoryTable("__ef_migrations_history");
}
