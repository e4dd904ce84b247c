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

    var connectionString = DatabaseConnection.Resolve(builder.Configuration[DatabaseConnection.EnvironmentVariable]);
    var ownerConnectionString = DatabaseConnection.ResolveOwner(builder.Configuration[DatabaseConnection.OwnerEnvironmentVariable]);
    builder.Services.AddFinOpsApplication();
    builder.Services.AddFinOpsInfrastructure(connectionString, ownerConnectionString);
    builder.Services.AddFinOpsJobs(connectionString, ownerConnectionString);
    builder.Services.AddFinOpsJobServer();

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddScoped<CircuitHandler, UserLogCircuitHandler>();
    builder.Services.AddFinOpsAccess();
    builder.Services.AddFinOpsHealthChecks();
    builder.Services.AddOpenApi();

    var app = builder.Build();
    await app.Services.EnsureSchemaIsCurrentAsync(app.Configuration, app.Lifetime.ApplicationStopping);
    app.Services.ScheduleRecurringJobs();

    if (!app.Environment.IsDevelopment())
        app.UseExceptionHandler("/error", createScopeForErrors: true);

    app.UseAuthentication();
    app.UseAuthorization();
    app.UseUserLogContext();
    app.UseSerilogRequestLogging();
    app.UseAntiforgery();
    app.MapStaticAssets().AllowAnonymous();
    app.MapFinOpsHealth();
    app.MapFinOpsMetrics();
    app.MapJobsDashboard();
    app.MapAccountEndpoints();
    app.MapTenantApi();
    app.MapIngestApi();
    app.MapReconciliationApi();
    app.MapStatementsApi();
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
