using System.CommandLine;
using FinOps.Application;
using FinOps.Application.Access;
using FinOps.Application.Database;
using FinOps.Infrastructure;
using FinOps.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace FinOps.Cli.Hosting;

/// <summary>
/// Runs a command body with the services it needs and turns failures into the one-line reason and exit code 1
/// that scripts rely on.
/// </summary>
public static class CliAction
{
    public static void SetHandler(this Command command, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> body, bool needsCurrentSchema = true) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var services = BuildServices();
                if (needsCurrentSchema)
                {
                    var status = await services.GetRequiredService<ISchemaMigrator>().GetStatusAsync(cancellationToken);
                    if (!status.IsCurrent) throw new SchemaBehindException(status.Pending.Count);
                }
                return await body(parse, services, cancellationToken);
            }
            catch (CliUsageException e)
            {
                await Console.Error.WriteLineAsync($"finops: {e.Message}");
                return ExitCodes.Usage;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("finops: cancelled");
                return ExitCodes.Refused;
            }
            catch (Exception e)
            {
                await Console.Error.WriteLineAsync($"finops: {OneLine(e)}");
                return ExitCodes.Refused;
            }
        });

    private static ServiceProvider BuildServices()
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Warning()
            .MinimumLevel.Override("FinOps", LogEventLevel.Warning)
            // EF logs its probe of a missing migrations-history table as a failed command; failures that matter
            // surface as exceptions and get the one-line reason below.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSerilog(logger, dispose: true));
        services.AddFinOpsApplication();
        services.AddFinOpsInfrastructure(DatabaseConnection.FromEnvironment(), DatabaseConnection.OwnerFromEnvironment());
        // Job storage without a server: work the CLI starts (reconciling what an ingest touched) waits for the web host's workers.
        services.AddFinOpsJobs(DatabaseConnection.FromEnvironment(), DatabaseConnection.OwnerFromEnvironment());
        // The operator of the CLI holds the database credentials: they act for the organisation.
        services.AddScoped<ICurrentScope, SystemScope>();
        return services.BuildServiceProvider();
    }

    private static string OneLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null && innermost is not SchemaBehindException) innermost = innermost.InnerException;
        var reason = innermost == e ? e.Message : $"{e.Message} ({innermost.Message})";
        return reason.ReplaceLineEndings(" ");
    }
}
