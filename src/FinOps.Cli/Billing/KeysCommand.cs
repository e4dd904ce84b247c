using System.CommandLine;
using System.Globalization;
using FinOps.Application.Billing;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Billing;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Billing;

/// <summary><c>finops keys import|export|unmapped</c>: the vendor attribution keys finance maps to tenants.</summary>
internal static class KeysCommand
{
    public static Command Build()
    {
        var keys = new Command("keys", "Vendor attribution keys (OpenAI projects, Anthropic workspaces, Bedrock principals, Azure deployments, tags) mapped to tenants.")
            .WithExamples("./finops keys import keys.csv", "./finops keys export > keys.csv", "./finops keys unmapped --period 2026-11", "./finops keys coverage --period 2026-11");
        keys.Subcommands.Add(Import());
        keys.Subcommands.Add(Export());
        keys.Subcommands.Add(Unmapped());
        keys.Subcommands.Add(Coverage());
        return keys;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: provider,kind,value,tenant,feature,effective_from (tenant empty ends a mapping; feature empty = the tenant's unassigned feature)" };
        var import = new Command("import", "Import key mappings, all or nothing (every problem with its line and column); a row for an existing key and day replaces it; audited.") { file };
        import.WithExamples("./finops keys import keys.csv");
        import.SetHandler((parse, services, ct) => RowFileImport.RunAsync(parse.GetValue(file)!, KeyMappingCsv.Read,
            rows => services.GetRequiredService<ManageKeyMappings>().ImportAsync(rows, Environment.UserName, ct)));
        return import;
    }

    private static Command Export()
    {
        var export = new Command("export", "Every key mapping as CSV on stdout, one row per version, in the import's columns (the file round-trips).");
        export.WithExamples("./finops keys export > keys.csv");
        export.SetHandler(async (_, services, ct) =>
        {
            var mappings = await services.GetRequiredService<ManageKeyMappings>().ExportAsync(ct);
            await using var csv = CsvExport.To(Console.Out);
            await KeyMappingCsv.WriteAsync(csv, mappings, ct);
            return ExitCodes.Done;
        });
        return export;
    }

    private static Command Unmapped()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var unmapped = new Command("unmapped", "Keys on the period's usage bill lines that no mapping attributes, with the cost of the lines carrying each (a line with two such keys counts under both).")
        {
            period, format,
        };
        unmapped.WithExamples("./finops keys unmapped --period 2026-11", "./finops keys unmapped --period 2026-11 --format csv > unmapped.csv");
        unmapped.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var keys = (await services.GetRequiredService<GetKeyBoard>().HandleAsync(chargePeriod, ct)).Unmapped;
            await Console.Error.WriteLineAsync($"keys {chargePeriod}: {keys.Count} unmapped");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("provider", "kind", "value", "cost", "lines", "suggested_tenant");
                foreach (var k in keys)
                {
                    csv.Text(k.Provider).Text(k.Kind).Text(k.Value).Money(k.Cost, 6).Number(k.Lines).Text(k.SuggestedTenant);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("provider", "kind", "value", "cost", "lines", "suggested tenant");
                foreach (var k in keys)
                    table.Row(k.Provider, k.Kind, k.Value, k.Cost.ToString("0.00", CultureInfo.InvariantCulture), k.Lines.ToString(CultureInfo.InvariantCulture), k.SuggestedTenant ?? "");
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return unmapped;
    }

    private static Command Coverage()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var coverage = new Command("coverage", "Per provider: the period's billed usage cost, the part its mapped vendor keys attribute, and key coverage.")
        {
            period, format,
        };
        coverage.WithExamples("./finops keys coverage --period 2026-11", "./finops keys coverage --period 2026-11 --format csv");
        coverage.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var rows = (await services.GetRequiredService<GetKeyBoard>().HandleAsync(chargePeriod, ct)).Coverage;
            await Console.Error.WriteLineAsync($"keys {chargePeriod}: coverage of {rows.Count} provider(s), by the mappings in force");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("provider", "billed_cost", "by_key_cost", "key_coverage");
                foreach (var r in rows)
                {
                    csv.Text(r.Provider).Money(r.BilledCost, 6).Money(r.ByKey, 6).Number(r.Coverage is { } c ? decimal.Round(c, 6) : null);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("provider", "billed", "by key", "coverage");
                foreach (var r in rows)
                    table.Row(r.Provider, r.BilledCost.ToString("0.00", CultureInfo.InvariantCulture), r.ByKey.ToString("0.00", CultureInfo.InvariantCulture),
                        r.Coverage is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "");
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return coverage;
    }
}
