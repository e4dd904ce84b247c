using System.CommandLine;
using FinOps.Application.Allocation;
using FinOps.Cli.Hosting;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Allocation;

internal static class AllocationCommands
{
    public static Command Rules()
    {
        var rules = new Command("rules", "Allocation rules as code: how each shared pool (infra pools, vendor:<provider>) is split.")
            .WithExamples("./finops rules export > rules.json", "./finops rules import rules.json");
        var file = new Argument<string>("FILE") { Description = "JSON {\"rules\":[…]} (fields in README)" };
        var import = new Command("import", "Import rules: validated against the catalog, all or nothing; a changed rule gets a new version (audited).") { file };
        import.WithExamples("./finops rules import rules.json");
        import.SetHandler(async (parse, services, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new InvalidOperationException($"{path}: no such file");
            var result = await services.GetRequiredService<ManageRules>().ImportAsync(await File.ReadAllTextAsync(path, ct), Environment.UserName, ct);
            var name = Path.GetFileName(path);
            if (result.Problems.Count > 0)
            {
                foreach (var problem in result.Problems) await Console.Error.WriteLineAsync($"{name}: {problem}");
                await Console.Error.WriteLineAsync($"{name}: refused, nothing imported ({result.Problems.Count} problem(s))");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"{name}: {result.Added} added, {result.Changed} changed (new versions), {result.Unchanged} unchanged");
            return ExitCodes.Done;
        });
        var export = new Command("export", "The latest version of every rule as JSON on stdout (imports unchanged).");
        export.WithExamples("./finops rules export > rules.json");
        export.SetHandler(async (_, services, ct) =>
        {
            await Console.Out.WriteLineAsync(await services.GetRequiredService<ManageRules>().ExportAsync(ct));
            return ExitCodes.Done;
        });
        rules.Subcommands.Add(import);
        rules.Subcommands.Add(export);
        return rules;
    }

    public static Command Export()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var format = new Option<string>("--format") { Description = "csv (our columns) | focus (FOCUS with 1.3 allocation columns)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "focus");
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's lines" };
        var output = new Option<string?>("--out") { Description = "File to write (default: stdout)" };
        var statements = new Command("statements", "Compute the period's statements (every cost to tenant × feature, one rounding, identity checked) and export them.")
        {
            period, format, tenant, output,
        };
        statements.WithExamples("./finops export statements --period 2026-10 --format csv --out statements-2026-10.csv",
            "./finops export statements --period 2026-10 --tenant acme-retail", "./finops export statements --period 2026-10 --format focus --out focus.csv");
        statements.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var periodText = chargePeriod.ToString();
            (StatementRun Run, IReadOnlyList<StatementRecord> Lines) statements;
            if (await services.GetRequiredService<ListPeriods>().HandleAsync(ct) is var periods && periods.Any(p => p.Period == periodText && p.Status == "closed"))
            {
                // A closed period exports its frozen snapshot, never a recomputation.
                statements = (await services.GetRequiredService<GetClosedStatements>().HandleAsync(chargePeriod, parse.GetValue(tenant), ct))!.Value;
                await Console.Error.WriteLineAsync($"statements {periodText}: closed; {statements.Lines.Count:N0} frozen lines");
            }
            else
            {
                var summary = await services.GetRequiredService<ComputeStatements>().HandleAsync(chargePeriod, "cli", ct);
                await Console.Error.WriteLineAsync($"statements {summary.Period}: {summary.Lines:N0} lines, total {summary.Total:N2} {summary.Currency} (costs {summary.CostTotal:0.############}); identity holds");
                foreach (var warning in summary.Warnings) await Console.Error.WriteLineAsync($"  warning: {warning}");
                statements = (await services.GetRequiredService<GetStatements>().HandleAsync(chargePeriod, parse.GetValue(tenant), ct))!.Value;
            }
            var (run, lines) = statements;
            await using var file = parse.GetValue(output) is { } path ? File.Create(path) : null;
            await using var csv = file is null ? CsvExport.To(Console.Out) : CsvExport.To(file);
            if (parse.GetValue(format) == "focus")
            {
                await StatementCsv.WriteFocusAsync(csv, run, lines, chargePeriod.Start, chargePeriod.End, ct);
            }
            else await StatementCsv.WriteAsync(csv, run, lines, ct);
            return ExitCodes.Done;
        });
        var export = new Command("export", "Exports for finance systems.").WithExamples("./finops export statements --period 2026-10 --out statements.csv");
        export.Subcommands.Add(statements);
        return export;
    }
}
