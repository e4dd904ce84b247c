using System.CommandLine;
using System.Text.Json;
using FinOps.Application.Catalog;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Catalog;

internal static class ModelsCommand
{
    public static Command Build()
    {
        var models = new Command("models", "The model catalog: names FinOps cannot map yet, and aliases that map them.")
            .WithExamples("./finops models unmapped", "./finops models alias --provider openai gpt-4o-2024-11-20 gpt-4o");
        models.Subcommands.Add(Unmapped());
        models.Subcommands.Add(Alias());
        return models;
    }

    private static Command Unmapped()
    {
        var format = OutputFormatOption.Create(OutputFormat.Text, OutputFormat.Csv, OutputFormat.Json);
        var unmapped = new Command("unmapped", "Bill meters no alias matches and models only usage logs name (columns: source,provider,name,lines,billed_cost,first_seen,last_seen).") { format };
        unmapped.WithExamples("./finops models unmapped", "./finops models unmapped --format csv > unmapped.csv");
        unmapped.SetHandler(async (parse, services, ct) =>
        {
            var rows = await services.GetRequiredService<ListUnmappedModels>().HandleAsync(ct);
            switch (parse.GetFormat(format))
            {
                case OutputFormat.Json:
                    Console.Out.WriteLine(JsonSerializer.Serialize(rows.Select(r => new
                    {
                        source = r.Source, provider = r.Provider, name = r.Name, lines = r.Lines, billed_cost = r.BilledCost,
                        first_seen = r.FirstSeen, last_seen = r.LastSeen,
                    })));
                    break;
                case OutputFormat.Csv:
                    await using (var csv = CsvExport.To(Console.Out))
                    {
                        csv.Header("source", "provider", "name", "lines", "billed_cost", "first_seen", "last_seen");
                        foreach (var r in rows)
                        {
                            csv.Text(r.Source).Text(r.Provider).Text(r.Name).Number(r.Lines).Number(r.BilledCost)
                                .Text(r.FirstSeen?.ToString("O")).Text(r.LastSeen?.ToString("O"));
                            await csv.EndRowAsync(ct);
                        }
                    }
                    break;
                default:
                    foreach (var r in rows)
                        Console.Out.WriteLine($"{r.Source,-8} {r.Provider,-14} {r.Name,-50} {r.Lines,10:N0} lines {r.BilledCost,14:0.00########}");
                    break;
            }
            await Console.Error.WriteLineAsync($"{rows.Count} unmapped name(s)");
            return ExitCodes.Done;
        });
        return unmapped;
    }

    private static Command Alias()
    {
        var provider = new Option<string>("--provider") { Description = "Provider slug (openai, anthropic, aws-bedrock, azure-openai, gcp-vertex, …)", Required = true };
        var alias = new Argument<string>("ALIAS") { Description = "The name as exports or logs write it" };
        var model = new Argument<string>("MODEL") { Description = "The catalog model it means" };
        var command = new Command("alias", "Map a name to a model; current billing lines that name it are resolved now.") { provider, alias, model };
        command.WithExamples("./finops models alias --provider openai gpt-4o-2024-11-20 gpt-4o", "./finops models alias --provider aws-bedrock claude3sonnet claude-3-sonnet");
        command.SetHandler(async (parse, services, ct) =>
        {
            var result = await services.GetRequiredService<AddModelAlias>().HandleAsync(
                parse.GetValue(provider)!, parse.GetValue(alias)!, parse.GetValue(model)!, Environment.UserName, ct);
            if (result.Refusal is not null) throw new InvalidOperationException(result.Refusal);
            await Console.Error.WriteLineAsync(
                $"{(result.Added ? "alias added" : "alias already there")}; {result.BillingLinesResolved} billing line(s) resolved");
            return ExitCodes.Done;
        });
        return command;
    }
}
