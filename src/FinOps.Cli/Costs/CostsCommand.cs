using System.CommandLine;
using System.Globalization;
using FinOps.Application.Costs;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Costs;

/// <summary><c>finops costs daily|to-date</c>: the cost series, exact to 6 decimals so their sums reproduce statements to the cent.</summary>
internal static class CostsCommand
{
    /// <summary>Series money is summed afterwards: 6 decimals (CLI conventions), rounded once at the edge.</summary>
    private const int SeriesDigits = 6;

    public static Command Build()
    {
        var costs = new Command("costs", "Cost to date and daily costs per tenant or tenant × feature, within minutes of the logs (estimated where no bill has arrived yet).")
            .WithExamples("./finops costs daily --period 2026-11 --by tenant --format csv", "./finops costs to-date --period 2026-11 --by tenant-feature");
        costs.Subcommands.Add(Daily());
        costs.Subcommands.Add(ToDate());
        return costs;
    }

    private static (Option<string> Period, Option<string> By, Option<string?> AsOf, Option<string> Format) Options()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var by = new Option<string>("--by") { Description = "tenant | tenant-feature", DefaultValueFactory = _ => "tenant" };
        by.AcceptOnlyFromAmong("tenant", "tenant-feature");
        var asOf = new Option<string?>("--as-of") { Description = "The last day, YYYY-MM-DD (default: the period's last day, or today while it runs)" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        return (period, by, asOf, format);
    }

    private static Command Daily()
    {
        var (period, by, asOf, format) = Options();
        var daily = new Command("daily", "Daily cost of every day of the period up to the as-of day: day,tenant,feature,cost,estimated_cost (cost includes the estimated part).")
        {
            period, by, asOf, format,
        };
        daily.WithExamples("./finops costs daily --period 2026-11 --format csv > daily.csv", "./finops costs daily --period 2026-11 --by tenant-feature --as-of 2026-11-15");
        daily.SetHandler(async (parse, services, ct) =>
        {
            var answer = await AskAsync(parse, services, period, by, asOf, ct);
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("day", "tenant", "feature", "cost", "estimated_cost");
                foreach (var d in answer.Days)
                {
                    csv.Day(d.Day).Text(d.Tenant).Text(d.Feature).Money(d.Cost, SeriesDigits).Money(d.Estimated, SeriesDigits);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("day", "tenant", "feature", $"cost ({answer.Currency})", "estimated");
                foreach (var d in answer.Days) table.Row(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Tenant, d.Feature, Amount(d.Cost), Amount(d.Estimated));
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return daily;
    }

    private static Command ToDate()
    {
        var (period, by, asOf, format) = Options();
        var toDate = new Command("to-date", "Cost to date as of a day: tenant,feature,as_of,cost_to_date,estimated_cost (cost includes the estimated part).")
        {
            period, by, asOf, format,
        };
        toDate.WithExamples("./finops costs to-date --period 2026-11 --format csv", "./finops costs to-date --period 2026-11 --by tenant-feature --as-of 2026-11-15");
        toDate.SetHandler(async (parse, services, ct) =>
        {
            var answer = await AskAsync(parse, services, period, by, asOf, ct);
            var rows = answer.ToDate();
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("tenant", "feature", "as_of", "cost_to_date", "estimated_cost");
                foreach (var r in rows)
                {
                    csv.Text(r.Tenant).Text(r.Feature).Day(r.AsOf).Money(r.CostToDate, SeriesDigits).Money(r.Estimated, SeriesDigits);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("tenant", "feature", "as of", $"cost to date ({answer.Currency})", "estimated");
                foreach (var r in rows) table.Row(r.Tenant, r.Feature, r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Amount(r.CostToDate), Amount(r.Estimated));
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return toDate;
    }

    private static async Task<CostSeriesAnswer> AskAsync(ParseResult parse, IServiceProvider services, Option<string> period, Option<string> by,
        Option<string?> asOf, CancellationToken ct)
    {
        var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
        var day = CliDay.Parse("--as-of", parse.GetValue(asOf));
        if (day is { } d && (d < chargePeriod.FirstDay || d > chargePeriod.FirstDay.AddDays(chargePeriod.DayCount - 1)))
            throw new CliUsageException($"--as-of: {d:yyyy-MM-dd} is not a day of {chargePeriod}");
        var answer = await services.GetRequiredService<GetCostSeries>().HandleAsync(chargePeriod,
            parse.GetValue(by) == "tenant-feature" ? CostBreakdown.TenantFeature : CostBreakdown.Tenant, day, ct);
        foreach (var warning in answer.Warnings) await Console.Error.WriteLineAsync($"warning: {warning}");
        await Console.Error.WriteLineAsync(answer.AsOf is { } through
            ? $"costs {chargePeriod}: as of {through:yyyy-MM-dd}, {answer.Currency}, exact to 6 decimals"
            : $"costs {chargePeriod}: the period has not started");
        return answer;
    }

    private static string Amount(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
