using System.CommandLine;
using FinOps.Cli.Hosting;

namespace FinOps.Cli.Bench;

internal static class BenchCommand
{
    public static Command Build()
    {
        var bench = new Command("bench", "Benchmarks against a baseline measured in the same run (not part of CI).")
            .WithExamples("./finops bench ingest --rows 1000000", "./finops bench reconcile --requests 1000000");
        var rows = new Option<int>("--rows") { Description = "Requests in the generated usage CSV", DefaultValueFactory = _ => 5_000_000 };
        var ingest = new Command("ingest", "Our ingest vs psql \\copy into an identical table (a) and into a bare table (b).") { rows };
        ingest.WithExamples("./finops bench ingest", "./finops bench ingest --rows 200000 > bench.json");
        // Works in throwaway databases of its own: the main database need not be migrated.
        ingest.SetHandler((parse, services, ct) => IngestBenchmark.RunAsync(parse.GetValue(rows), services, ct), needsCurrentSchema: false);
        bench.Subcommands.Add(ingest);

        var requests = new Option<int>("--requests") { Description = "Requests in the generated month", DefaultValueFactory = _ => 10_000_000 };
        var reconcile = new Command("reconcile", "Our reconciliation of a generated month vs hand-written SQL summing the raw usage table per provider × model × day.") { requests };
        reconcile.WithExamples("./finops bench reconcile", "./finops bench reconcile --requests 1000000 > bench.json");
        reconcile.SetHandler((parse, _, ct) => ReconcileBenchmark.RunAsync(parse.GetValue(requests), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(reconcile);

        var allocateRequests = new Option<int>("--requests") { Description = "Requests in the generated month", DefaultValueFactory = _ => 10_000_000 };
        var allocate = new Command("allocate", "Reconcile + allocate + statements of a generated month vs hand-written SQL computing the aggregates they need.") { allocateRequests };
        allocate.WithExamples("./finops bench allocate", "./finops bench allocate --requests 1000000 > bench.json");
        allocate.SetHandler((parse, _, ct) => AllocateBenchmark.RunAsync(parse.GetValue(allocateRequests), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(allocate);

        var costsRequests = new Option<int>("--requests") { Description = "Requests in the timed month", DefaultValueFactory = _ => 10_000_000 };
        var earlierRequests = new Option<int>("--earlier-requests") { Description = "Requests in each of the three earlier months", DefaultValueFactory = _ => 1_000_000 };
        var costs = new Command("costs", "The full refresh of a month's cost series, and the incremental one after one more day, vs hand-written SQL summing the naive daily list cost.")
        {
            costsRequests, earlierRequests,
        };
        costs.WithExamples("./finops bench costs", "./finops bench costs --requests 1000000 --earlier-requests 100000 > bench.json");
        costs.SetHandler((parse, _, ct) => CostsBenchmark.RunAsync(parse.GetValue(costsRequests), parse.GetValue(earlierRequests), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(costs);

        var count = new Option<int>("--count") { Description = "Invoices to render", DefaultValueFactory = _ => 100 };
        var invoiceRequests = new Option<int>("--requests") { Description = "Requests in the generated month the invoices come from", DefaultValueFactory = _ => 50_000 };
        var invoices = new Command("invoices", "Our native invoice PDFs vs headless Chromium printing the same pages from HTML (same content and page count, asserted).")
        {
            count, invoiceRequests,
        };
        invoices.WithExamples("./finops bench invoices", "./finops bench invoices --count 500 > bench.json");
        invoices.SetHandler((parse, _, ct) => InvoicesBenchmark.RunAsync(parse.GetValue(count), parse.GetValue(invoiceRequests), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(invoices);

        var pageRequests = new Option<int>("--requests") { Description = "Requests in the generated month", DefaultValueFactory = _ => 10_000_000 };
        var pages = new Command("pages", "Server time of the overview, a team lead's overview and the explorer (tenant × feature, 30 days) vs hand-written SQL over raw requests; p95 per page.")
        {
            pageRequests,
        };
        pages.WithExamples("./finops bench pages", "./finops bench pages --requests 1000000 > bench.json");
        pages.SetHandler((parse, _, ct) => PagesBenchmark.RunAsync(parse.GetValue(pageRequests), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(pages);

        var scaleRequests = new Option<long>("--requests") { Description = "Requests in the generated month (31 daily files)", DefaultValueFactory = _ => 10_000_000 };
        var skipDiskCheck = new Option<bool>("--skip-disk-check") { Description = "The database server's disk is not visible from here and you made sure it has room" };
        var scale = new Command("scale",
            "A month in daily files at scale: ingest rows/s, reconcile + allocate + statements, insights refresh, incremental refresh after one more day, pages p95, disk per million requests. Says its disk need first.")
        {
            scaleRequests, skipDiskCheck,
        };
        scale.WithExamples("./finops bench scale --requests 10000000", "./finops bench scale --requests 100000000 > scale.json");
        scale.SetHandler((parse, _, ct) => ScaleBenchmark.RunAsync(parse.GetValue(scaleRequests), parse.GetValue(skipDiskCheck), ct), needsCurrentSchema: false);
        bench.Subcommands.Add(scale);
        return bench;
    }
}
