using System.CommandLine;
using System.Globalization;
using FinOps.Application.Billing;
using FinOps.Cli.Hosting;
using FinOps.Domain.Allocation;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Billing;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Billing;

/// <summary><c>finops commitments --period P</c> (utilisation) and <c>finops commitments import FILE</c> (declared capacity).</summary>
internal static class CommitmentsCommand
{
    public static readonly string[] Columns = ["provider", "commitment", "cost", "used_tokens", "capacity_tokens", "utilisation", "idle_cost", "idle_treatment"];

    public static Command Build()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var commitments = new Command("commitments", "Reserved capacity (Azure PTUs, Bedrock provisioned throughput, prepaid commitments): each commitment's cost, use, capacity and idle cost in a period.")
        {
            period, format,
        };
        commitments.WithExamples("./finops commitments --period 2026-11", "./finops commitments --period 2026-11 --format csv", "./finops commitments import commitments.csv");
        commitments.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var (uses, currency) = await services.GetRequiredService<GetCommitmentUse>().HandleAsync(chargePeriod, ct);
            var digits = Currency.FromCode(currency).MinorDigits;
            await Console.Error.WriteLineAsync($"commitments {chargePeriod}: {uses.Count}, {currency}");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(Columns);
                foreach (var u in uses)
                {
                    csv.Text(u.Provider).Text(u.Commitment).Money(u.Cost, digits).Number(u.UsedTokens).Number(u.CapacityTokens is { } c ? decimal.Round(c, 0) : null)
                        .Number(u.Utilisation is { } x ? decimal.Round(x, 6) : null).Money(u.IdleCost, digits).Text(Treatment(u.Idle));
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("provider", "commitment", "cost", "used tokens", "capacity", "utilisation", "idle cost", "idle");
                foreach (var u in uses)
                    table.Row(u.Provider, u.Commitment, u.Cost.ToString("N" + digits, CultureInfo.InvariantCulture), u.UsedTokens.ToString("N0", CultureInfo.InvariantCulture),
                        u.CapacityTokens?.ToString("N0", CultureInfo.InvariantCulture) ?? "", u.Utilisation?.ToString("P1", CultureInfo.InvariantCulture) ?? "",
                        u.IdleCost?.ToString("N" + digits, CultureInfo.InvariantCulture) ?? "", Treatment(u.Idle));
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        commitments.Subcommands.Add(Import());
        return commitments;
    }

    private static string Treatment(IdleTreatment idle) => idle.ToString().ToLowerInvariant();

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: provider,commitment,deployment,capacity_tokens_per_minute,effective_from" };
        var import = new Command("import", "Declare commitments, all or nothing (every problem with its line and column); a row for an existing commitment and day replaces it; audited.") { file };
        import.WithExamples("./finops commitments import commitments.csv");
        import.SetHandler((parse, services, ct) => RowFileImport.RunAsync(parse.GetValue(file)!, CommitmentCsv.Read,
            rows => services.GetRequiredService<ManageCommitments>().ImportAsync(rows, Environment.UserName, ct)));
        return import;
    }
}
