using System.CommandLine;
using FinOps.Cli.Admin;
using FinOps.Cli.Bench;
using FinOps.Cli.Catalog;
using FinOps.Cli.Database;
using FinOps.Cli.Demo;
using FinOps.Cli.Ingest;
using FinOps.Cli.Seeding;

namespace FinOps.Cli.Hosting;

/// <summary>
/// The <c>finops</c> command tree. Conventions (docs: ../shared/design/CLI.md): data on stdout only; logs, progress
/// and summaries on stderr; exit 0 done (also "nothing to do"), 1 refused or failed, 2 wrong usage.
/// </summary>
public static class FinOpsCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "FinOps — what your LLM features really cost, charged back to the teams and customers who caused it.\n\n" +
            "The database is FINOPS_DB (an Npgsql connection string) or the private cluster ./finops starts.");
        root.Subcommands.Add(DbCommand.Build());
        root.Subcommands.Add(SeedCommand.Build());
        root.Subcommands.Add(IngestCommand.Build());
        root.Subcommands.Add(QuarantineCommand.Build());
        root.Subcommands.Add(ModelsCommand.Build());
        root.Subcommands.Add(AdminCommand.Build());
        root.Subcommands.Add(BenchCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(Access.ApiKeysCommand.Build());
        root.Subcommands.Add(Catalog.PricesCommand.Build());
        root.Subcommands.Add(Reconciliation.ReconcileCommand.Build());
        root.Subcommands.Add(Allocation.AllocationCommands.Rules());
        root.Subcommands.Add(Allocation.AllocationCommands.Export());
        root.Subcommands.Add(Allocation.CloseCommands.Close());
        root.Subcommands.Add(Allocation.CloseCommands.Periods());
        root.Subcommands.Add(Costs.CostsCommand.Build());
        root.Subcommands.Add(Budgets.BudgetsCommand.Build());
        root.Subcommands.Add(Billing.KeysCommand.Build());
        root.Subcommands.Add(Billing.CommitmentsCommand.Build());
        root.Subcommands.Add(WhatIf.WhatIfCommand.Build());
        root.Subcommands.Add(Workflows.WorkflowsCommand.Build());
        root.Subcommands.Add(Retention.RetentionCommand.Build());
        root.Subcommands.Add(Alerts.AlertsCommand.Build());
        root.Subcommands.Add(Forecasting.ForecastCommand.Build());
        root.Subcommands.Add(Invoicing.BillingCommand.Build());
        root.Subcommands.Add(Invoicing.InvoicesCommand.Build());
        root.WithExamples("./finops db migrate", "./finops db status --format json", "./finops demo load", "./finops ingest usage.csv infra.csv",
            "printf '%s' \"$PASSWORD\" | ./finops admin create --email finance@example.com --password-stdin", "./finops db --help");
        CommandExamples.Enable(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && !WantsHelp(args))
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync($"finops: {error.Message}");
            await Console.Error.WriteLineAsync("Run './finops --help' for usage.");
            return ExitCodes.Usage;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellation.Token);
    }

    private static bool WantsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");
}
