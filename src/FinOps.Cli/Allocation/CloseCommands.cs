using System.CommandLine;
using System.Globalization;
using FinOps.Application.Allocation;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Allocation;

internal static class CloseCommands
{
    public static Command Close()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var acknowledge = new Option<string?>("--acknowledge") { Description = "Close despite the listed blockers, for this reason (kept in the audit log)" };
        var close = new Command("close", "Close a period: statements, input file hashes, rule versions and price cards are frozen; late data becomes adjustments.")
        {
            period, acknowledge,
        };
        close.WithExamples("./finops close --period 2026-10", "./finops close --period 2026-10 --acknowledge \"Bedrock Mistral alias pending; credits requested\"");
        close.SetHandler(async (parse, services, ct) =>
        {
            var outcome = await services.GetRequiredService<ClosePeriod>().HandleAsync(await services.ParseAsync(parse.GetValue(period), ct), parse.GetValue(acknowledge), Environment.UserName, ct);
            foreach (var blocker in outcome.Blockers) await Console.Error.WriteLineAsync($"  blocker: {blocker}");
            foreach (var warning in outcome.Warnings ?? []) await Console.Error.WriteLineAsync($"  warning: {warning}");
            if (!outcome.Closed)
            {
                await Console.Error.WriteLineAsync($"finops: {outcome.Refusal}");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"closed {parse.GetValue(period)}: {outcome.Lines:N0} statement lines, total {outcome.Total.ToString("N2", CultureInfo.InvariantCulture)} {outcome.Currency}" +
                                               (outcome.Blockers.Count > 0 ? $"; {outcome.Blockers.Count} blocker(s) acknowledged" : ""));
            return ExitCodes.Done;
        });
        return close;
    }

    public static Command Periods()
    {
        var periods = new Command("periods", "Periods with statements or a close: status, total, adjustment lines (columns: period,status,total,currency,adjustment_lines,closed_at,closed_by).");
        periods.WithExamples("./finops periods");
        periods.SetHandler(async (_, services, ct) =>
        {
            await using var csv = FinOps.Infrastructure.Export.CsvExport.To(Console.Out);
            csv.Header("period", "status", "total", "currency", "adjustment_lines", "closed_at", "closed_by");
            foreach (var p in await services.GetRequiredService<ListPeriods>().HandleAsync(ct))
            {
                csv.Text(p.Period).Text(p.Status);
                if (p.Total is { } total && p.Currency is { } code) csv.Money(total, FinOps.Domain.Money.Currency.FromCode(code).MinorDigits);
                else csv.Number(p.Total);
                csv.Text(p.Currency).Number(p.AdjustmentLines).Text(p.ClosedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Text(p.ClosedBy);
                await csv.EndRowAsync(ct);
            }
            return ExitCodes.Done;
        });
        return periods;
    }
}
