using System.CommandLine;
using System.Globalization;
using FinOps.Application.Usage;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Retention;

/// <summary><c>finops retention</c>: how long raw requests are kept, what is stored and dropped; <c>apply</c> drops what expired.</summary>
internal static class RetentionCommand
{
    public static readonly string[] Columns = ["month", "state", "requests", "bytes", "dropped_at"];

    public static Command Build()
    {
        var months = new Option<int?>("--months") { Description = "Keep raw requests of this many full months before the current one (default 13; audited)" };
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var retention = new Command("retention",
            "Raw requests are kept a number of months, then dropped a month at a time (daily job); rollups, statements, closes and invoices are kept forever.")
        {
            months, format,
        };
        retention.WithExamples("./finops retention", "./finops retention --months 24", "./finops retention apply", "./finops retention --format csv");
        retention.SetHandler(async (parse, services, ct) =>
        {
            var manage = services.GetRequiredService<ManageRawUsageRetention>();
            if (parse.GetValue(months) is { } wanted && await manage.SetAsync(wanted, Environment.UserName, ct) is { } refusal)
                throw new CliUsageException(refusal);
            await WriteAsync(await manage.GetAsync(ct), parse.GetValue(format) == "csv", ct);
            return ExitCodes.Done;
        });
        retention.Subcommands.Add(Apply());
        return retention;
    }

    private static Command Apply()
    {
        var apply = new Command("apply", "Drops now the raw requests of every month older than the retention (what the daily job does).");
        apply.SetHandler(async (parse, services, ct) =>
        {
            var dropped = await services.GetRequiredService<ApplyRawUsageRetention>().HandleAsync(Environment.UserName, ct);
            foreach (var (month, bytes) in dropped)
                await Console.Error.WriteLineAsync($"dropped the raw requests of {month:yyyy-MM} ({Megabytes(bytes)}); their rollups stay");
            if (dropped.Count == 0) await Console.Error.WriteLineAsync("nothing expired: every stored month is within the retention");
            await WriteAsync(await services.GetRequiredService<ManageRawUsageRetention>().GetAsync(ct), csv: false, ct);
            return ExitCodes.Done;
        });
        return apply;
    }

    private static async Task WriteAsync(RawUsageRetentionStatus status, bool csv, CancellationToken ct)
    {
        await Console.Error.WriteLineAsync($"raw requests kept {status.Months} months before the current one (from {status.KeptFrom:yyyy-MM})"
            + (status.RefusedBefore is { } before ? $"; usage before {before:yyyy-MM} is refused at ingest" : "")
            + (status.BytesPerMillionRequests is { } perMillion ? $"; {Megabytes(perMillion)} per million requests stored" : ""));
        var rows = status.Dropped.Select(d => (d.Month, State: "dropped", d.Requests, d.Bytes, DroppedAt: (DateTimeOffset?)d.DroppedAt))
            .Concat(status.Stored.Select(s => (s.Month, State: s.Expired ? "expired" : "kept", s.Requests, s.Bytes, DroppedAt: (DateTimeOffset?)null)))
            .OrderBy(r => r.Month).ToList();
        if (csv)
        {
            await using var export = CsvExport.To(Console.Out);
            export.Header(Columns);
            foreach (var r in rows)
            {
                export.Text(r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Text(r.State).Number(r.Requests).Number(r.Bytes);
                if (r.DroppedAt is { } at) export.Instant(at); else export.Text(null);
                await export.EndRowAsync(ct);
            }
            await export.FlushAsync(ct);
            return;
        }
        var table = new TextTable("month", "raw requests", "requests", "size");
        foreach (var r in rows)
            table.Row(r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), r.State, r.Requests.ToString("N0", CultureInfo.InvariantCulture), Megabytes(r.Bytes));
        await table.WriteAsync(Console.Out);
    }

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("N1", CultureInfo.InvariantCulture) + " MB";
}
