using System.CommandLine;
using System.Globalization;
using FinOps.Application.WhatIf;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.WhatIf;

/// <summary><c>finops whatif --period P --model M</c>: a scope's real token mix repriced on another model's card.</summary>
internal static class WhatIfCommand
{
    public static readonly string[] Columns =
        ["tenant", "feature", "provider", "model", "input_tokens", "cached_input_tokens", "output_tokens", "current_cost", "whatif_provider", "whatif_model", "whatif_cost", "difference", "note"];

    /// <summary>Exact amounts are summed afterwards: six decimals, as the series are written.</summary>
    private const int Digits = 6;

    public static Command Build()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var model = new Option<string>("--model") { Description = "The model whose price card the usage is repriced on (a catalog name)", Required = true };
        var provider = new Option<string?>("--provider") { Description = "The target model's provider, when several sell it" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's usage" };
        var feature = new Option<string?>("--feature") { Description = "Only this feature's usage" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var whatif = new Command("whatif", "What the scope's logged usage (uncached, cached and output tokens, batch apart) would cost on another model's price card.")
        {
            period, model, provider, tenant, feature, format,
        };
        whatif.WithExamples("./finops whatif --period 2026-11 --model gpt-4o-mini --tenant acme-retail --feature support-chat",
            "./finops whatif --period 2026-11 --model claude-3-5-haiku --format csv");
        whatif.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var answer = await services.GetRequiredService<GetModelWhatIf>().HandleAsync(chargePeriod, parse.GetValue(model)!, Blank(parse.GetValue(provider)),
                Blank(parse.GetValue(tenant)), Blank(parse.GetValue(feature)), ct);
            if (answer.Refusal is { } refusal) throw new CliUsageException(refusal);
            await Console.Error.WriteLineAsync(
                $"whatif {chargePeriod}: {answer.CurrentCost.ToString("N2", CultureInfo.InvariantCulture)} {answer.Currency} now, " +
                $"{answer.WhatIfCost.ToString("N2", CultureInfo.InvariantCulture)} on {parse.GetValue(model)} ({answer.Difference.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)})");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(Columns);
                foreach (var r in answer.Rows)
                {
                    csv.Text(r.Tenant).Text(r.Feature).Text(r.Provider).Text(r.Model).Number(r.InputTokens).Number(r.CachedInputTokens).Number(r.OutputTokens)
                        .Money(r.CurrentCost, Digits).Text(r.WhatIfProvider).Text(r.WhatIfModel).Money(r.WhatIfCost, Digits).Money(r.Difference, Digits)
                        .Text(r.Notes.Count == 0 ? null : string.Join("; ", r.Notes));
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("provider", "model", "input", "cached", "output", "now", "what-if", "difference");
                foreach (var r in answer.Rows)
                    table.Row(r.Provider, r.Model, r.InputTokens.ToString("N0", CultureInfo.InvariantCulture), r.CachedInputTokens.ToString("N0", CultureInfo.InvariantCulture),
                        r.OutputTokens.ToString("N0", CultureInfo.InvariantCulture), r.CurrentCost.ToString("0.00", CultureInfo.InvariantCulture),
                        r.WhatIfCost.ToString("0.00", CultureInfo.InvariantCulture), r.Difference.ToString("0.00", CultureInfo.InvariantCulture));
                await table.WriteAsync(Console.Out);
                foreach (var note in answer.Rows.SelectMany(r => r.Notes).Distinct()) await Console.Error.WriteLineAsync($"note: {note}");
            }
            return ExitCodes.Done;
        });
        return whatif;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
