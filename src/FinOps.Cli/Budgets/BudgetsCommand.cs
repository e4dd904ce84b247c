using System.CommandLine;
using System.Globalization;
using FinOps.Application.Budgets;
using FinOps.Cli.Hosting;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Budgets;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Budgets;

/// <summary><c>finops budgets import|export|status</c>: budgets per tenant or tenant × feature, and how each stands.</summary>
internal static class BudgetsCommand
{
    public static Command Build()
    {
        var budgets = new Command("budgets", "Budgets per tenant or tenant × feature and period, with alert thresholds; import, export, and status against cost to date.")
            .WithExamples("./finops budgets import budgets.csv", "./finops budgets export > budgets.csv", "./finops budgets status --period 2026-11");
        budgets.Subcommands.Add(Import());
        budgets.Subcommands.Add(Export());
        budgets.Subcommands.Add(Status());
        return budgets;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: tenant,feature,period,amount,currency,thresholds,until (feature empty = whole tenant; thresholds like 50;75;90;100; until empty, YYYY-MM or open)" };
        var import = new Command("import", "Import budgets, all or nothing (every problem listed with its line and column); a row for an existing scope and first period replaces it; audited.") { file };
        import.WithExamples("./finops budgets import budgets.csv");
        import.SetHandler(async (parse, services, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new InvalidOperationException($"{path}: no such file");
            IReadOnlyList<FinOps.Domain.Ingest.ParsedRow<BudgetRow>> rows;
            await using (var stream = File.OpenRead(path)) rows = BudgetCsv.Read(stream);
            var result = await services.GetRequiredService<ManageBudgets>().ImportAsync(rows, new BudgetEditor(Environment.UserName, IsFinance: true), ct);
            var name = Path.GetFileName(path);
            if (result.Refused)
            {
                foreach (var problem in result.Problems) await Console.Error.WriteLineAsync($"{name}: {problem}");
                await Console.Error.WriteLineAsync($"{name}: refused, nothing imported ({result.Problems.Count} problem(s))");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"{name}: {result.Added} added, {result.Changed} changed, {result.Unchanged} unchanged");
            return ExitCodes.Done;
        });
        return import;
    }

    private static Command Export()
    {
        var export = new Command("export", "Every budget as CSV on stdout, in the import's columns (the file round-trips).");
        export.WithExamples("./finops budgets export > budgets.csv");
        export.SetHandler(async (_, services, ct) =>
        {
            var rows = await services.GetRequiredService<ManageBudgets>().ExportAsync(ct);
            var digits = rows.Count == 0 ? 2 : Currency.FromCode(rows[0].Currency).MinorDigits;
            await using var csv = CsvExport.To(Console.Out);
            await BudgetCsv.WriteAsync(csv, rows, digits, ct);
            return ExitCodes.Done;
        });
        return export;
    }

    private static Command Status()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var asOf = new Option<string?>("--as-of") { Description = "The day, YYYY-MM-DD (default: the period's last day, or today while it runs)" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var status = new Command("status", "Each budget covering the period against its scope's cost to date (estimates included): amount, cost, percent, forecast.")
        {
            period, asOf, format,
        };
        status.WithExamples("./finops budgets status --period 2026-11", "./finops budgets status --period 2026-11 --as-of 2026-11-15 --format csv");
        status.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var day = CliDay.Parse("--as-of", parse.GetValue(asOf));
            if (day is { } d && (d < chargePeriod.FirstDay || d > chargePeriod.FirstDay.AddDays(chargePeriod.DayCount - 1)))
                throw new CliUsageException($"--as-of: {d:yyyy-MM-dd} is not a day of {chargePeriod}");
            var rows = await services.GetRequiredService<GetBudgetStatus>().HandleAsync(chargePeriod, day, ct);
            await Console.Error.WriteLineAsync($"budgets {chargePeriod}: {rows.Count} covering the period" + (rows.FirstOrDefault()?.AsOf is { } through ? $", as of {through:yyyy-MM-dd}" : ""));
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("tenant", "feature", "amount", "currency", "cost_to_date", "estimated_cost", "percent", "forecast", "p10", "p90", "forecast_percent");
                foreach (var r in rows)
                {
                    var digits = Currency.FromCode(r.Budget.Currency).MinorDigits;
                    csv.Text(r.Budget.Tenant).Text(r.Budget.Feature).Money(r.Budget.Amount, digits).Text(r.Budget.Currency)
                        .Money(r.CostToDate, digits).Money(r.Estimated, digits).Number(Round(r.Percent))
                        .Money(r.Forecast, digits).Money(r.P10, digits).Money(r.P90, digits).Number(Round(r.ForecastPercent));
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("tenant", "feature", "amount", "cost to date", "estimated", "percent");
                foreach (var r in rows)
                    table.Row(r.Budget.Tenant, r.Budget.Feature ?? "", $"{r.Budget.Amount.ToString("0.00", CultureInfo.InvariantCulture)} {r.Budget.Currency}",
                        r.CostToDate.ToString("0.00", CultureInfo.InvariantCulture), r.Estimated.ToString("0.00", CultureInfo.InvariantCulture),
                        r.Percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) : "");
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return status;
    }

    /// <summary>Percents to two decimals (50.25); empty stays empty.</summary>
    private static decimal? Round(decimal? value) => value is { } v ? decimal.Round(v, 2, MidpointRounding.ToEven) : null;
}
