using System.CommandLine;
using System.Text.Json;
using FinOps.Application.Database;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Database;

internal static class DbCommand
{
    public static Command Build()
    {
        var db = new Command("db", "The database schema: apply and inspect EF Core migrations.")
            .WithExamples("./finops db migrate", "./finops db status --format json");
        db.Subcommands.Add(Migrate());
        db.Subcommands.Add(Status());
        return db;
    }

    private static Command Migrate()
    {
        var migrate = new Command("migrate", "Apply pending migrations (exit 0 also when there is nothing to apply).")
            .WithExamples("./finops db migrate", "FINOPS_DB='Host=db;Database=finops;Username=finops;Password=…' ./finops db migrate",
                "FINOPS_DB_OWNER='Host=db;Database=finops;Username=finops_owner;Password=…' FINOPS_DB='…Username=finops_app…' ./finops db migrate");
        migrate.SetHandler(async (_, services, ct) =>
        {
            var announce = new SynchronousProgress<string>(name => Console.Error.WriteLine($"applying {name}"));
            var applied = await services.GetRequiredService<ISchemaMigrator>().MigrateAsync(announce, ct);
            await Console.Error.WriteLineAsync(applied.Count == 0 ? "schema is up to date" : $"applied {applied.Count} migration(s)");
            if (await services.GetRequiredService<ISchemaMigrator>().RoleWarningAsync(ct) is { } warning) await Console.Error.WriteLineAsync($"warning: {warning}");
            return ExitCodes.Done;
        }, needsCurrentSchema: false);
        return migrate;
    }

    private static Command Status()
    {
        var format = OutputFormatOption.Create(OutputFormat.Text, OutputFormat.Json);
        var status = new Command("status", "Applied and pending migrations.") { format };
        status.WithExamples("./finops db status", "./finops db status --format json");
        status.SetHandler(async (parse, services, ct) =>
        {
            var result = await services.GetRequiredService<ISchemaMigrator>().GetStatusAsync(ct);
            if (parse.GetFormat(format) == OutputFormat.Json)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { applied = result.Applied, pending = result.Pending, current = result.IsCurrent }));
            }
            else
            {
                foreach (var name in result.Applied) Console.Out.WriteLine($"applied  {name}");
                foreach (var name in result.Pending) Console.Out.WriteLine($"pending  {name}");
            }
            return ExitCodes.Done;
        }, needsCurrentSchema: false);
        return status;
    }
}
