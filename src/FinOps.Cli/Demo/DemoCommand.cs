using System.CommandLine;
using System.Globalization;
using FinOps.Application.Demo;
using FinOps.Cli.Hosting;
using FinOps.Cli.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Demo;

internal static class DemoCommand
{
    public static Command Build()
    {
        var demo = new Command("demo", "Demo data for evaluation (never on a real install).")
            .WithExamples("./finops demo load", "./finops demo generate --period 2026-10 --out /tmp/demo-month --requests 20000");
        demo.Subcommands.Add(BuildLoad());
        demo.Subcommands.Add(BuildGenerate());
        return demo;
    }

    private static Command BuildLoad()
    {
        var period = new Option<string?>("--period") { Description = "Load only this month, YYYY-MM, whole (default: the three months before this one, closed, and this month up to yesterday)" };
        var requests = new Option<int>("--requests") { Description = "Requests per generated month", DefaultValueFactory = _ => 100_000 };
        var seed = SeedOption();
        var noMonth = new Option<bool>("--no-month") { Description = "Only the starter tenants and the demo sign-ins, no generated months" };
        var load = new Command("load", "Load the demo: starter tenants and features, one sign-in per role, three closed months and this month so far, budgets and their alerts (idempotent).")
        {
            period, requests, seed, noMonth,
        };
        load.WithExamples("./finops demo load", "./finops demo load --period 2026-09 --requests 1000000", "./finops demo load --no-month");
        load.SetHandler(async (parse, services, ct) =>
        {
            var result = await services.GetRequiredService<LoadDemoData>().HandleAsync(ct);
            await Console.Error.WriteLineAsync(
                $"demo: {result.Seed.TenantsAdded} tenant(s), {result.Seed.FeaturesAdded} feature(s), {result.UsersCreated.Count} user(s) added");
            if (parse.GetValue(noMonth)) { }
            else if (parse.GetValue(period) is { } single)
            {
                var (year, month) = ParsePeriod(single);
                var folder = Path.Combine(Path.GetTempPath(), $"finops-demo-{year:D4}-{month:D2}-{parse.GetValue(requests)}-{parse.GetValue(seed)}");
                await Console.Error.WriteLineAsync($"demo: generating {parse.GetValue(requests):N0} requests of {year:D4}-{month:D2} in {folder} and ingesting them…");
                var loaded = await services.GetRequiredService<LoadDemoMonth>().HandleAsync(
                    new DemoMonthRequest(folder, year, month, parse.GetValue(requests), parse.GetValue(seed)), null, ct);
                foreach (var outcome in loaded.Outcomes) await IngestSummary.WriteAsync(Console.Error, outcome);
                await Console.Error.WriteLineAsync($"demo: month {year:D4}-{month:D2} loaded: {parse.GetValue(requests):N0} requests, " +
                                                   $"{loaded.Outcomes.Count} files, reconciled ({loaded.Reconciliation.Flagged:N0} windows flagged) and statements computed");
            }
            else
            {
                var progress = new SynchronousProgress<string>(line => Console.Error.WriteLine($"demo: {line}"));
                var history = await services.GetRequiredService<LoadDemoHistory>().HandleAsync(Path.Combine(Path.GetTempPath(), "finops-demo"),
                    parse.GetValue(requests), parse.GetValue(seed), progress, ct);
                foreach (var (month, loaded, closed, refusal) in history.Months)
                    await Console.Error.WriteLineAsync($"demo: {month}: " + (loaded is null ? "loaded before" : $"{loaded.Month.Requests:N0} requests, {loaded.Outcomes.Count} files") +
                                                       (closed ? ", closed" : refusal is null ? " (open)" : $", not closed: {refusal}"));
                await Console.Error.WriteLineAsync($"demo: {history.BudgetsAdded} budget(s) added, {history.AlertsRaised} alert(s) raised");
            }
            foreach (var user in DemoUsers.All)
                await Console.Error.WriteLineAsync($"  {user.Role,-13} {user.Email,-22} password {DemoUsers.Password}");
            return ExitCodes.Done;
        });
        return load;
    }

    private static Command BuildGenerate()
    {
        var period = PeriodOption();
        var output = new Option<string>("--out") { Description = "Folder to write the files and manifest.json into", Required = true };
        var requests = new Option<int>("--requests") { Description = "Requests in the month (20000 makes a small month for tests)", DefaultValueFactory = _ => 1_000_000 };
        var seed = SeedOption();
        var generate = new Command("generate", "Write one coherent month in real formats (logs, vendor exports, infra costs) with injected faults listed in manifest.json; prints the manifest path.")
        {
            period, output, requests, seed,
        };
        generate.WithExamples("./finops demo generate --period 2026-10 --out demo-2026-10", "./finops demo generate --period 2026-10 --out /tmp/small --requests 20000 --seed 7");
        generate.SetHandler(async (parse, services, ct) =>
        {
            var (year, month) = ParsePeriod(parse.GetValue(period)!);
            var total = parse.GetValue(requests);
            var progress = new SynchronousProgress<long>(n => Console.Error.Write($"\rdemo: {n:N0} / {total:N0} requests"));
            var generated = await services.GetRequiredService<IDemoMonthGenerator>().GenerateAsync(
                new DemoMonthRequest(Path.GetFullPath(parse.GetValue(output)!), year, month, total, parse.GetValue(seed)), progress, ct);
            await Console.Error.WriteLineAsync();
            foreach (var file in generated.Files)
                await Console.Error.WriteLineAsync($"  {file.Name,-30} {file.Format,-16} {file.Rows,12:N0} rows");
            await Console.Out.WriteLineAsync(generated.ManifestPath);
            return ExitCodes.Done;
        }, needsCurrentSchema: false);
        return generate;
    }

    private static Option<string> PeriodOption() => new("--period")
    {
        Description = "The month, YYYY-MM (default: last month)",
        DefaultValueFactory = _ => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    private static Option<int> SeedOption() => new("--seed") { Description = "Random seed: the same seed writes the same files", DefaultValueFactory = _ => 42 };

    private static (int Year, int Month) ParsePeriod(string text) =>
        DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            ? (month.Year, month.Month)
            : throw new InvalidOperationException($"--period '{text}' is not a month written YYYY-MM");
}
