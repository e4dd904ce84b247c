using FinOps.Application;
using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using FinOps.Web.Access;
using FinOps.Web.Components;
using FinOps.Web.Features.Account;
using FinOps.Web.Features.Api;
using FinOps.Web.Features.Ingest;
using FinOps.Web.Features.Reconciliation;
using FinOps.Web.Features.Statements;
using FinOps.Web.Jobs;
using FinOps.Web.Operations;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using Serilog;

Log.Logger = new LoggerConfiguration().Enrich.FromLogContext().WriteTo.Console().CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog((services, logger) =>
        Logging.Configure(logger, builder.Configuration, builder.Environment.ContentRootPath));

    var role = ProcessRoles.Parse(builder.Configuration[ProcessRoles.EnvironmentVariable]);
    var connectionString = DatabaseConnection.Resolve(builder.Configuration[DatabaseConnection.EnvironmentVariable]);
    var ownerConnectionString = DatabaseConnection.ResolveOwner(builder.Configuration[DatabaseConnection.OwnerEnvironmentVariable]);
    builder.Services.AddFinOpsApplication();
    var readConnectionString = DatabaseConnection.ResolveRead(builder.Configuration[DatabaseConnection.ReadEnvironmentVariable]);
    builder.Services.AddFinOpsInfrastructure(connectionString, ownerConnectionString, readConnectionString);
    builder.Services.AddFinOpsJobs(connectionString, ownerConnectionString);
    builder.Services.AddFinOpsIngestFeedAcrossProcesses(listen: role.ServesPages());
    if (role.RunsJobs()) builder.Services.AddFinOpsJobServer();

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddScoped<CircuitHandler, UserLogCircuitHandler>();
    builder.Services.AddFinOpsAccess();
    builder.Services.AddSignInThrottle();
    // HSTS on every HTTPS answer, whatever the host name (behind a proxy the app may see itself as localhost).
    builder.Services.AddHsts(options =>
    {
        options.MaxAge = TimeSpan.FromDays(365);
        options.ExcludedHosts.Clear();
    });
    builder.Services.AddOptions<IngestUploadOptions>()
        .Configure<IConfiguration>((options, configuration) =>
            options.MaxUploadMegabytes = configuration.GetValue(IngestUploadOptions.ConfigurationKey, options.MaxUploadMegabytes))
        .ValidateDataAnnotations().ValidateOnStart();
    builder.Services.AddProblemDetails();
    // Behind a reverse proxy on this host that terminates TLS, the scheme and client address it forwards are the
    // request's (cookies then go Secure, HSTS applies). Only loopback proxies are trusted, so a client cannot forge
    // its address past the sign-in throttle.
    builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
    builder.Services.AddFinOpsHealthChecks();
    builder.Services.AddOpenApi();

    var app = builder.Build();
    await app.Services.EnsureSchemaIsCurrentAsync(app.Configuration, app.Lifetime.ApplicationStopping);
    app.Services.ScheduleRecurringJobs();
    Log.Information("FinOps starts as {Role}: {What}", role.ToString().ToLowerInvariant(),
        role switch { ProcessRole.Web => "pages and API, jobs left to workers", ProcessRole.Worker => "background jobs only", _ => "pages, API and background jobs" });

    app.UseForwardedHeaders();
    // Every environment: no stack trace ever reaches a user, the developer page included.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = ErrorEndpoints.Path,
        CreateScopeForErrors = true,
        // A malformed request (a bad form token, a body beyond its limit) keeps its 4xx: it is the caller's to fix.
        StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    });
    app.UseStatusCodePages();
    app.UseHsts(); // only HTTPS answers carry it: a plain-HTTP development run is untouched
    app.UseSecurityHeaders();

    app.UseAuthentication();
    app.UseAuthorization();
    app.UseUserLogContext();
    app.UseSerilogRequestLogging();
    app.UseDataAsOfHeader();
    app.UseAntiforgery();
    app.UseRateLimiter();
    app.MapErrorEndpoint();
    app.MapStaticAssets().AllowAnonymous();
    app.MapFinOpsHealth();
    app.MapFinOpsMetrics();
    if (!role.ServesPages())
    {
        // A worker answers health and metrics only; pages and the API belong to the web processes.
        await app.RunAsync();
        return 0;
    }
    app.MapJobsDashboard();
    app.MapAccountEndpoints();
    app.MapTenantApi();
    app.MapIngestApi(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestUploadOptions>>().Value);
    app.MapReconciliationApi();
    app.MapStatementsApi();
    FinOps.Web.Features.Invoices.InvoiceEndpoints.MapInvoicesApi(app);
    FinOps.Web.Features.Portal.PortalEndpoints.MapPortalApi(app);
    FinOps.Web.Features.WhatIf.WhatIfEndpoints.MapWhatIfApi(app);
    FinOps.Web.Features.Workflows.WorkflowsEndpoints.MapWorkflowsApi(app);
    FinOps.Web.Features.Explorer.ExploreEndpoints.MapExploreApi(app);
    // The REST contract for pipelines, readable without signing in.
    app.MapOpenApi().AllowAnonymous();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "FinOps web stopped: {Reason}", e.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, public so tests can host the real app in-process (route and scope checks).</summary>
public partial class Program;
