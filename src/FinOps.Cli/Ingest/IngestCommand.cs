using System.CommandLine;
using FinOps.Application.Ingest;
using FinOps.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Ingest;

internal static class IngestCommand
{
    public static Command Build()
    {
        var files = new Argument<string[]>("FILE") { Description = "Files to ingest, one transaction each", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "auto (from the header or JSON), usage-csv, litellm, otel, infra-csv, focus, aws-cur, azure-cost, openai-costs-csv, openai-costs, anthropic-cost, openai-usage or anthropic-usage", DefaultValueFactory = _ => "auto" };
        var source = new Option<string?>("--source") { Description = "Usage: the source its request ids are unique in (default: the format name)" };
        var zone = new Option<string?>("--time-zone") { Description = "Usage: IANA zone of timestamps written without an offset, e.g. Europe/Berlin" };
        var tenantFrom = new Option<string?>("--tenant-from") { Description = "LiteLLM and OpenTelemetry: where the tenant is, tried in order (defaults in README)" };
        var featureFrom = new Option<string?>("--feature-from") { Description = "LiteLLM and OpenTelemetry: where the feature is, tried in order (defaults in README)" };
        var ingest = new Command("ingest", "Ingest token logs and cost files: streamed, bulk-loaded, idempotent; bad rows quarantined.")
        {
            files, format, source, zone, tenantFrom, featureFrom,
        };
        ingest.WithExamples(
            "./finops ingest usage-2026-10.csv",
            "./finops ingest --source gateway --time-zone Europe/Berlin gateway-logs.csv",
            "./finops ingest --format infra-csv gpu-cluster-a-2026-10.csv",
            "./finops ingest --tenant-from metadata.customer,team_id --feature-from request_tags.app litellm-spendlogs.csv");
        ingest.SetHandler(async (parse, services, ct) =>
        {
            var rejected = 0;
            foreach (var path in parse.GetValue(files)!)
            {
                await using var scope = services.CreateAsyncScope();
                var progress = new ProgressBar(Console.Error, Path.GetFileName(path));
                var outcome = await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(
                    new IngestRequest(path, parse.GetValue(format)!, parse.GetValue(source), parse.GetValue(zone), Environment.UserName,
                        parse.GetValue(tenantFrom), parse.GetValue(featureFrom)),
                    progress, ct);
                progress.Finish();
                await IngestSummary.WriteAsync(Console.Error, outcome);
                if (outcome.Result == IngestResult.Rejected) rejected++;
            }
            if (rejected > 0) await Console.Error.WriteLineAsync($"finops: {rejected} file(s) rejected");
            return rejected > 0 ? ExitCodes.Refused : ExitCodes.Done;
        });
        return ingest;
    }
}
