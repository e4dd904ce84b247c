using System.CommandLine;
using System.Globalization;
using FinOps.Application.Costs;
using FinOps.Application.Forecasting;
using FinOps.Cli.Hosting;
using FinOps.Domain.Forecasting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Forecasting;

/// <summary><c>finops forecast</c> and <c>finops forecast backtest</c>: month-end forecasts with their backtested error next to the run rate's.</summary>
internal static class ForecastCommand
{
    private const int SeriesDigits = 6;

    public static Command Build()
    {
        var (period, by, format) = Options();
        var asOf = new Option<string?>("--as-of") { Description = "The day, YYYY-MM-DD (default: the period's last day; a day not yet ended becomes yesterday)" };
        var forecast = new Command("forecast", "Month-end forecast per tenant or tenant × feature: the method with the lowest backtest error, its band, and the run rate's error beside it.")
        {
            period, asOf, by, format,
        };
        forecast.WithExamples("./finops forecast --period 2026-12 --as-of 2026-12-10 --format csv", "./finops forecast backtest --period 2026-12 --by tenant-feature --format csv");
        forecast.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var day = CliDay.Parse("--as-of", parse.GetValue(asOf));
            if (day is { } d && (d < chargePeriod.FirstDay || d > chargePeriod.FirstDay.AddDays(chargePeriod.DayCount - 1)))
                throw new CliUsageException($"--as-of: {d:yyyy-MM-dd} is not a day of {chargePeriod}");
            var answer = await services.GetRequiredService<GetForecasts>().HandleAsync(chargePeriod, day, Breakdown(parse, by), ct);
            await Console.Error.WriteLineAsync($"forecast {chargePeriod}: as of {answer.AsOf:yyyy-MM-dd}, {answer.Scopes.Count} scope(s), {answer.Currency}");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("tenant", "feature", "as_of", "cost_to_date", "forecast", "p10", "p90", "history_days", "run_rate", "method", "mape", "run_rate_mape");
                foreach (var f in answer.Scopes)
                {
                    var shown = f.Shown;
                    csv.Text(f.Scope.Tenant).Text(f.Scope.Feature).Day(f.AsOf).Money(f.CostToDate, SeriesDigits)
                        .Money(shown?.Total, SeriesDigits).Money(shown?.P10, SeriesDigits).Money(shown?.P90, SeriesDigits).Number(f.Answer.HistoryDays)
                        .Money(f.RunRate?.Total, SeriesDigits).Text(shown is null ? null : ForecastAnswer.Name(shown.Method))
                        .Number(Fraction(shown is null ? null : f.BacktestOf(shown.Method).Mape)).Number(Fraction(f.BacktestOf(ForecastMethod.RunRate).Mape));
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("tenant", "feature", "cost to date", "forecast", "p10", "p90", "method", "mape", "run rate", "run-rate mape");
                foreach (var f in answer.Scopes)
                    table.Row(f.Scope.Tenant, f.Scope.Feature, Amount(f.CostToDate), f.Shown is { } s ? Amount(s.Total) : "insufficient history",
                        Amount(f.Shown?.P10), Amount(f.Shown?.P90), f.Shown is { } m ? ForecastAnswer.Name(m.Method) : "",
                        Percent(f.Shown is { } x ? f.BacktestOf(x.Method).Mape : null), Amount(f.RunRate?.Total), Percent(f.BacktestOf(ForecastMethod.RunRate).Mape));
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        forecast.Subcommands.Add(Backtest());
        return forecast;
    }

    private static Command Backtest()
    {
        var (period, by, format) = Options();
        var backtest = new Command("backtest", "Each method's record on the three complete periods before this one (forecasts as of days 7, 14 and 21): points, MAPE, band coverage.")
        {
            period, by, format,
        };
        backtest.WithExamples("./finops forecast backtest --period 2026-12 --format csv");
        backtest.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var answer = await services.GetRequiredService<GetForecasts>().HandleAsync(chargePeriod, null, Breakdown(parse, by), ct);
            await using var csv = CsvExport.To(Console.Out);
            csv.Header("tenant", "feature", "method", "points", "mape", "coverage");
            foreach (var f in answer.Scopes)
                foreach (var b in f.Answer.Backtests)
                {
                    csv.Text(f.Scope.Tenant).Text(f.Scope.Feature).Text(ForecastAnswer.Name(b.Method)).Number(b.Points).Number(Fraction(b.Mape)).Number(Fraction(b.Coverage));
                    await csv.EndRowAsync(ct);
                }
            await csv.FlushAsync(ct);
            return ExitCodes.Done;
        });
        return backtest;
    }

    private static (Option<string> Period, Option<string> By, Option<string> Format) Options()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var by = new Option<string>("--by") { Description = "tenant | tenant-feature", DefaultValueFactory = _ => "tenant" };
        by.AcceptOnlyFromAmong("tenant", "tenant-feature");
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        return (period, by, format);
    }

    private static CostBreakdown Breakdown(ParseResult parse, Option<string> by) =>
        parse.GetValue(by) == "tenant-feature" ? CostBreakdown.TenantFeature : CostBreakdown.Tenant;

    /// <summary>Ratios are fractions (0.0123) to 6 decimals; empty stays empty.</summary>
    private static decimal? Fraction(decimal? value) => value is { } v ? decimal.Round(v, 6, MidpointRounding.ToEven) : null;

    private static string Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";

    private static string Percent(decimal? value) => value is { } v ? (v * 100m).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "";
}
