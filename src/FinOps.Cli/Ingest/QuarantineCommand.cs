using System.CommandLine;
using FinOps.Application.Ingest;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Ingest;

internal static class QuarantineCommand
{
    public static Command Build()
    {
        var file = new Option<long>("--file") { Description = "The ingestion file id (shown by ./finops ingest)", Required = true };
        var export = new Command("export", "Quarantined rows of a file as CSV on stdout: file_id,file_name,line,column,reason,raw_text") { file };
        export.WithExamples("./finops quarantine export --file 42 > file-42-quarantine.csv");
        export.SetHandler(async (parse, services, ct) =>
        {
            await using var csv = CsvExport.To(Console.Out);
            var count = await QuarantineCsv.WriteAsync(csv, services.GetRequiredService<ListQuarantine>().HandleAsync(parse.GetValue(file), ct), ct);
            await Console.Error.WriteLineAsync($"{count} quarantined row(s)");
            return ExitCodes.Done;
        });
        var quarantine = new Command("quarantine", "Rows refused at ingest, with where and why.").WithExamples("./finops quarantine export --file 42");
        quarantine.Subcommands.Add(export);
        return quarantine;
    }
}
