using System.CommandLine;
using FinOps.Application.Catalog;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Catalog;

internal static class PricesCommand
{
    public static Command Build()
    {
        var prices = new Command("prices", "Effective-dated price cards per 1M tokens: the prices reconciliation and allocation rate usage at.")
            .WithExamples("./finops prices export > prices.csv", "./finops prices import negotiated-2026.csv");
        prices.Subcommands.Add(Import());
        prices.Subcommands.Add(Export());
        return prices;
    }

    private static Command Import()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: provider,model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency[,batch_discount_pct,note]" };
        var import = new Command("import", "Import price cards, all or nothing (every problem listed with its line); changes are audited and re-rate the periods they price.") { file };
        import.WithExamples("./finops prices import negotiated-2026.csv");
        import.SetHandler(async (parse, services, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) throw new InvalidOperationException($"{path}: no such file");
            IReadOnlyList<FinOps.Domain.Ingest.ParsedRow<PriceCardRow>> rows;
            await using (var stream = File.OpenRead(path)) rows = PriceCardCsv.Read(stream);
            var result = await services.GetRequiredService<ImportPriceCards>().HandleAsync(rows, Environment.UserName, ct);
            var name = Path.GetFileName(path);
            if (result.Refused)
            {
                foreach (var problem in result.Problems) await Console.Error.WriteLineAsync($"{name}: {problem}");
                await Console.Error.WriteLineAsync($"{name}: refused, nothing imported ({result.Problems.Count} problem(s))");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"{name}: {result.Added} added, {result.Changed} changed, {result.Unchanged} unchanged" +
                                               (result.Rerated.Count > 0 ? $"; reconciled again: {string.Join(", ", result.Rerated)}" : ""));
            return ExitCodes.Done;
        });
        return import;
    }

    private static Command Export()
    {
        var export = new Command("export", "Every price card as CSV on stdout, in the import's columns (the file round-trips).");
        export.WithExamples("./finops prices export > prices.csv");
        export.SetHandler(async (_, services, ct) =>
        {
            await using var csv = FinOps.Infrastructure.Export.CsvExport.To(Console.Out);
            await PriceCardCsv.WriteAsync(csv, await services.GetRequiredService<ListPriceCards>().HandleAsync(ct), ct);
            return ExitCodes.Done;
        });
        return export;
    }
}
