using System.CommandLine;
using System.Globalization;
using FinOps.Application.Reconciliation;
using FinOps.Cli.Hosting;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Reconciliation;

internal static class ReconcileCommand
{
    public static Command Build()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var window = new Option<string>("--window") { Description = "hour | day | period", DefaultValueFactory = _ => "day" };
        window.AcceptOnlyFromAmong("hour", "day", "period");
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var reconcile = new Command("reconcile", "Reconcile bills against token logs per provider × model × window, store it as the period's current run and print it.")
        {
            period, window, format,
        };
        reconcile.WithExamples("./finops reconcile --period 2026-10", "./finops reconcile --period 2026-10 --window hour --format csv > recon.csv");
        reconcile.SetHandler(async (parse, services, ct) =>
        {
            if (!ReconciliationWindows.TryParse(parse.GetValue(window), out var kind))
                throw new CliUsageException($"--window: '{parse.GetValue(window)}' is not a window; write hour, day or period");
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var summary = await services.GetRequiredService<RunReconciliation>().HandleAsync(chargePeriod, kind, "cli", ct);
            var report = (await services.GetRequiredService<GetReconciliation>().HandleAsync(chargePeriod, kind, ct))!;
            await Console.Error.WriteLineAsync(
                $"reconcile {summary.Period} by {kind.ToString().ToLowerInvariant()}: {summary.Windows:N0} windows, {summary.Flagged:N0} flagged " +
                $"({string.Join(", ", summary.ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Value:N0} {s.Key.ToString().ToLowerInvariant()}"))}); " +
                $"billed {summary.BilledCost:N2} {report.Run.Currency}, coverage {(summary.Coverage is { } c ? c.ToString("P1", CultureInfo.InvariantCulture) : "n/a")}");
            if (parse.GetValue(format) == "csv") await WriteCsvAsync(report, ct);
            else WriteTable(report);
            return ExitCodes.Done;
        });
        return reconcile;
    }

    private static async Task WriteCsvAsync(ReconciliationReport report, CancellationToken cancellationToken)
    {
        await using var csv = CsvExport.To(Console.Out);
        await ReconciliationCsv.WriteAsync(csv, report, cancellationToken);
    }

    private static void WriteTable(ReconciliationReport report)
    {
        var output = Console.Out;
        output.WriteLine($"{"provider",-13} {"model",-22} {"window (UTC)",-17} {"billed tok",14} {"logged tok",14} {"billed",12} {"expected",12}  status");
        foreach (var l in report.Lines)
        {
            var billed = l.BilledInputTokens + l.BilledCachedInputTokens + l.BilledOutputTokens + l.BilledMixedTokens;
            var logged = l.LoggedInputTokens + l.LoggedCachedInputTokens + l.LoggedOutputTokens;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{l.Provider,-13} {Truncate(l.Model, 22),-22} {l.WindowStart.UtcDateTime:yyyy-MM-dd HH:mm} {billed,14:N0} {logged,14:N0} {l.BilledCost,12:N2} {(l.ExpectedCost is { } e ? e.ToString("N2", CultureInfo.InvariantCulture) : "no card"),12}  {l.Status.ToString().ToLowerInvariant()}"));
            if (l.Status != ReconciliationStatus.Matched)
                foreach (var cause in l.Causes) output.WriteLine($"    ↳ {cause.Code}: {cause.Explanation}");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
