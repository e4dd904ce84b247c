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
        ["tenant", "feature", "provider", "model", "input_tokens", "cached_input_tokens", "output_tokens", "current_cost", "whatif_provider", "whatif_model", "whatif_cost", "difference", "note",
         "difference_per_month"];

    /// <summary>Exact amounts are summed afterwards: six decimals, as the series are written.</summary>
    private const int Digits = 6;

    public static Command Build()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var model = new Option<string?>("--model") { Description = "The model whose price card the usage is repriced on (a catalog name), or type a card in with the prices below" };
        var inputPrice = new Option<decimal?>("--input-price") { Description = "A typed-in card: price per 1M input tokens" };
        var cachedPrice = new Option<decimal?>("--cached-price") { Description = "A typed-in card: price per 1M cached input tokens (default: the input price)" };
        var outputPrice = new Option<decimal?>("--output-price") { Description = "A typed-in card: price per 1M output tokens" };
        var name = new Option<string>("--name") { Description = "A typed-in card's name", DefaultValueFactory = _ => "typed-in card" };
        var oneOff = new Option<decimal?>("--one-off") { Description = "A one-off cost of moving (migration, evaluation): how many months the saving takes to pay it back" };
        var provider = new Option<string?>("--provider") { Description = "The target model's provider, when several sell it" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's usage" };
        var feature = new Option<string?>("--feature") { Description = "Only this feature's usage" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var whatif = new Command("whatif", "What the scope's logged usage (uncached, cached and output tokens, batch apart) would cost on another model's price card.")
        {
            period, model, provider, inputPrice, cachedPrice, outputPrice, name, oneOff, tenant, feature, format,
        };
        whatif.WithExamples("./finops whatif --period 2026-11 --model gpt-4o-mini --tenant acme-retail --feature support-chat",
            "./finops whatif --period 2026-11 --model claude-3-5-haiku --format csv",
            "./finops whatif --period 2026-11 --feature support-chat --input-price 0.40 --output-price 1.60 --name quoted-model --one-off 5000");
        whatif.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var whatIf = services.GetRequiredService<GetModelWhatIf>();
            var (scopeTenant, scopeFeature) = (Blank(parse.GetValue(tenant)), Blank(parse.GetValue(feature)));
            var typed = parse.GetValue(inputPrice) is not null || parse.GetValue(outputPrice) is not null || parse.GetValue(cachedPrice) is not null;
            var answer = (Blank(parse.GetValue(model)), typed) switch
            {
                ({ } m, false) => await whatIf.HandleAsync(chargePeriod, m, Blank(parse.GetValue(provider)), scopeTenant, scopeFeature, ct),
                (null, true) when parse.GetValue(inputPrice) is { } i && parse.GetValue(outputPrice) is { } o =>
                    await whatIf.HandleAsync(chargePeriod, new FinOps.Domain.WhatIf.WhatIfCard("typed-in", parse.GetValue(name)!, i, parse.GetValue(cachedPrice), o), scopeTenant, scopeFeature, ct),
                (null, true) => throw new CliUsageException("a typed-in card needs --input-price and --output-price (per 1M tokens)"),
                ({ }, true) => throw new CliUsageException("give --model or a typed-in card's prices, not both"),
                _ => throw new CliUsageException("give --model (a catalog name) or a typed-in card (--input-price, --output-price)"),
            };
            if (answer.Refusal is { } refusal) throw new CliUsageException(refusal);
            if (parse.GetValue(oneOff) is { } cost)
            {
                if (cost < 0m) throw new CliUsageException("--one-off cannot be negative");
                answer = answer with { OneOffCost = cost };
            }
            var target = answer.Rows.FirstOrDefault()?.WhatIfModel ?? parse.GetValue(model) ?? parse.GetValue(name);
            await Console.Error.WriteLineAsync(
                $"whatif {chargePeriod}: {answer.CurrentCost.ToString("N2", CultureInfo.InvariantCulture)} {answer.Currency} now, " +
                $"{answer.WhatIfCost.ToString("N2", CultureInfo.InvariantCulture)} on {target} ({answer.Difference.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)}, " +
                $"{answer.DifferencePerMonth.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} a month)");
            if (answer.OneOffCost is { } paid)
                await Console.Error.WriteLineAsync(answer.BreakEvenMonths is { } months
                    ? $"break-even: {paid.ToString("N2", CultureInfo.InvariantCulture)} one-off ÷ {(-answer.DifferencePerMonth).ToString("N2", CultureInfo.InvariantCulture)} saved a month = {months.ToString("0.#", CultureInfo.InvariantCulture)} months"
                    : $"no break-even: {target} saves nothing to pay back {paid.ToString("N2", CultureInfo.InvariantCulture)}");
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(Columns);
                foreach (var r in answer.Rows)
                {
                    csv.Text(r.Tenant).Text(r.Feature).Text(r.Provider).Text(r.Model).Number(r.InputTokens).Number(r.CachedInputTokens).Number(r.OutputTokens)
                        .Money(r.CurrentCost, Digits).Text(r.WhatIfProvider).Text(r.WhatIfModel).Money(r.WhatIfCost, Digits).Money(r.Difference, Digits)
                        .Text(r.Notes.Count == 0 ? null : string.Join("; ", r.Notes))
                        .Money(FinOps.Domain.WhatIf.ModelWhatIf.PerMonth(r.CurrentCost, r.WhatIfCost, chargePeriod.DayCount), Digits);
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
        whatif.Subcommands.Add(SelfHost());
        return whatif;
    }

    public static readonly string[] SelfHostColumns =
        ["tenant", "feature", "current_cost", "selfhost_cost", "gpus_at_peak", "effective_per_mtok", "breakeven_tokens_per_month", "note"];

    private static Command SelfHost()
    {
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's usage" };
        var feature = new Option<string?>("--feature") { Description = "Only this feature's usage" };
        var gpuHour = new Option<decimal?>("--gpu-hour") { Description = "Price of one GPU for an hour (or --pool)" };
        var pool = new Option<string?>("--pool") { Description = "Price GPUs as this infra pool paid for its own in the period; its other costs become the fixed monthly costs unless --fixed-monthly is given" };
        var inputTps = new Option<decimal>("--input-tps") { Description = "Sustained input (prefill) tokens per second per GPU", Required = true };
        var outputTps = new Option<decimal>("--output-tps") { Description = "Sustained output tokens per second per GPU", Required = true };
        var utilisation = new Option<decimal>("--utilisation") { Description = "The share of paid GPU time doing work, in (0, 1]", Required = true };
        var fixedMonthly = new Option<decimal?>("--fixed-monthly") { Description = "Fixed costs a month (operations, power); default 0, or the pool's" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var selfhost = new Command("selfhost", "Build versus buy: the scope's real token mix on our own GPUs — cost, GPUs at the peak hour, cost per 1M tokens, break-even volume — with every formula.")
        {
            period, tenant, feature, gpuHour, pool, inputTps, outputTps, utilisation, fixedMonthly, format,
        };
        selfhost.WithExamples("./finops whatif selfhost --period 2026-11 --feature support-chat --gpu-hour 2.50 --input-tps 8000 --output-tps 900 --utilisation 0.6 --fixed-monthly 1500",
            "./finops whatif selfhost --period 2026-11 --tenant cyberdyne --pool vllm-a100-pool --input-tps 8000 --output-tps 900 --utilisation 0.6");
        selfhost.SetHandler(async (parse, services, ct) =>
        {
            var chargePeriod = await services.ParseAsync(parse.GetValue(period), ct);
            var (price, fixedCost) = (parse.GetValue(gpuHour), parse.GetValue(fixedMonthly));
            if (Blank(parse.GetValue(pool)) is { } poolName)
            {
                if (price is not null) throw new CliUsageException("give --gpu-hour or --pool, not both");
                var rates = await services.GetRequiredService<GetSelfHostWhatIf>().PoolsAsync(chargePeriod, ct);
                var rate = rates.FirstOrDefault(r => r.Pool == poolName)
                    ?? throw new CliUsageException($"no infra pool '{poolName}' paid for GPU-hours in {chargePeriod}{(rates.Count == 0 ? "" : $" (pools: {string.Join(", ", rates.Select(r => r.Pool))})")}");
                (price, fixedCost) = (rate.GpuHourPrice, fixedCost ?? rate.FixedMonthly);
                await Console.Error.WriteLineAsync($"{rate.Pool}: {rate.GpuHours.ToString("N1", CultureInfo.InvariantCulture)} GPU-hours at {rate.GpuHourPrice.ToString("N4", CultureInfo.InvariantCulture)} {rate.Currency} each, "
                    + $"{rate.FixedMonthly.ToString("N2", CultureInfo.InvariantCulture)} a month besides");
            }
            if (price is null) throw new CliUsageException("give --gpu-hour (a price per GPU-hour) or --pool (an infra pool's)");
            var assumptions = new FinOps.Domain.WhatIf.SelfHostAssumptions(price.Value, parse.GetValue(inputTps), parse.GetValue(outputTps), parse.GetValue(utilisation),
                fixedCost ?? 0m);
            var result = await services.GetRequiredService<GetSelfHostWhatIf>().HandleAsync(chargePeriod, Blank(parse.GetValue(tenant)), Blank(parse.GetValue(feature)), assumptions, ct);
            if (result.Refusal is { } refusal) throw new CliUsageException(refusal);
            var answer = result.Answer!;
            foreach (var formula in answer.Formulas) await Console.Error.WriteLineAsync(formula);
            var note = result.InputTokens + result.OutputTokens == 0 ? "no vendor usage in the scope" : null;
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header(SelfHostColumns);
                csv.Text(result.Tenant).Text(result.Feature).Money(result.CurrentCost, Digits).Money(answer.Cost, Digits).Number(answer.GpusAtPeak)
                    .Money(answer.EffectivePerMTok, Digits).Number(answer.BreakEvenTokensPerMonth is { } v ? decimal.Round(v, 0) : null).Text(note);
                await csv.EndRowAsync(ct);
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("current", "self-hosted", "GPUs at peak", "per 1M tokens", "break-even tokens/month");
                table.Row(result.CurrentCost.ToString("0.00", CultureInfo.InvariantCulture), answer.Cost.ToString("0.00", CultureInfo.InvariantCulture),
                    answer.GpusAtPeak.ToString(CultureInfo.InvariantCulture), answer.EffectivePerMTok?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "",
                    answer.BreakEvenTokensPerMonth?.ToString("N0", CultureInfo.InvariantCulture) ?? "never");
                await table.WriteAsync(Console.Out);
            }
            return ExitCodes.Done;
        });
        return selfhost;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
