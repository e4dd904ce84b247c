using FinOps.Application;
using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using FinOps.Web.Components;
using FinOps.Web.Health;
using MudBlazor.Services;
using Serilog;
using Serilog.Events;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
    .Enrich.FromLogContext()
    .WriteTo.Console()
    .CreateLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Services.AddSerilog();

    builder.Services.AddFinOpsApplication();
    builder.Services.AddFinOpsInfrastructure(DatabaseConnection.Resolve(builder.Configuration[DatabaseConnection.EnvironmentVariable]));

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

    var app = builder.Build();
    await app.Services.EnsureSchemaIsCurrentAsync(app.Configuration, app.Lifetime.ApplicationStopping);

    if (!app.Environment.IsDevelopment())
        app.UseExceptionHandler("/error", createScopeForErrors: true);

    app.UseSerilogRequestLogging();
    app.UseAntiforgery();
    app.MapStaticAssets();
    app.MapHealthChecks("/health");
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

/// <summary>Entry point, visible to the browser tests' in-process host.</summary>
public partial class Program;
