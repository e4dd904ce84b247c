using System.CommandLine;
using System.Globalization;
using FinOps.Application.Invoicing;
using FinOps.Cli.Hosting;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Export;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Invoicing;

/// <summary><c>finops invoices list|finalise|credit|pay|render|show</c>: a closed period's invoices, from draft to paid or credited.</summary>
internal static class InvoicesCommand
{
    public static Command Build()
    {
        var invoices = new Command("invoices", "Invoices per tenant of a closed period: drafts made at close, finalised with gap-free numbers, credited, paid, rendered as PDF.")
            .WithExamples("./finops invoices list --period 2026-10", "./finops invoices finalise --period 2026-10", "./finops invoices render --period 2026-10 --out invoices/",
                "./finops invoices credit INV-2026-00003 --reason \"wrong GPU rule\" --reissue");
        invoices.Subcommands.Add(List());
        invoices.Subcommands.Add(Finalise());
        invoices.Subcommands.Add(Credit());
        invoices.Subcommands.Add(Pay());
        invoices.Subcommands.Add(Render());
        invoices.Subcommands.Add(Show());
        return invoices;
    }

    private static Option<string> Period() => new("--period") { Description = "The closed charge period, YYYY-MM", Required = true };
    private static Option<string?> Tenant() => new("--tenant") { Description = "Only this tenant (its slug)" };

    private static Command List()
    {
        var period = Period();
        var format = new Option<string>("--format") { Description = "table (people) | csv (stdout holds only the CSV)", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv");
        var list = new Command("list", "A period's invoices: number, tenant, period, status (draft, finalised, overdue, paid, credited), total, currency, issued_on, due_on, credits.")
        {
            period, format,
        };
        list.WithExamples("./finops invoices list --period 2026-10", "./finops invoices list --period 2026-10 --format csv > invoices.csv");
        list.SetHandler(async (parse, services, ct) =>
        {
            var rows = await services.GetRequiredService<ListInvoices>().HandleAsync(await services.ParseAsync(parse.GetValue(period), ct), Environment.UserName, ct);
            if (parse.GetValue(format) == "csv")
            {
                await using var csv = CsvExport.To(Console.Out);
                csv.Header("number", "tenant", "period", "status", "total", "currency", "issued_on", "due_on", "credits");
                foreach (var r in rows)
                {
                    csv.Text(r.Number).Text(r.Tenant).Text(r.Period).Text(r.Standing.Name()).Money(r.Total, Currency.FromCode(r.Currency).MinorDigits).Text(r.Currency)
                        .Text(r.IssuedOn is { } issued ? Day(issued) : null).Text(r.DueOn is { } due ? Day(due) : null).Text(r.CreditedBy);
                    await csv.EndRowAsync(ct);
                }
                await csv.FlushAsync(ct);
            }
            else
            {
                var table = new TextTable("number", "tenant", "status", "total", "issued", "due", "credits");
                foreach (var r in rows)
                    table.Row(r.Number ?? "(draft)", r.Tenant, r.Standing.Name(), $"{Money(r.Total, r.Currency)} {r.Currency}", Day(r.IssuedOn), Day(r.DueOn), r.CreditedBy ?? "");
                await table.WriteAsync(Console.Out);
            }
            await Console.Error.WriteLineAsync($"invoices {parse.GetValue(period)}: {rows.Count} ({rows.Count(r => r.Standing == InvoiceStanding.Draft)} draft)");
            return ExitCodes.Done;
        });
        return list;
    }

    private static Command Finalise()
    {
        var period = Period();
        var tenant = Tenant();
        var finalise = new Command("finalise", "Finalise a closed period's drafts: each takes the next INV-YYYY-NNNNN (gap-free, in finalisation order), its dates and its PDF, and never changes again.")
        {
            period, tenant,
        };
        finalise.WithExamples("./finops invoices finalise --period 2026-10", "./finops invoices finalise --period 2026-10 --tenant acme-retail");
        finalise.SetHandler(async (parse, services, ct) =>
        {
            var outcome = await services.GetRequiredService<FinaliseInvoices>().HandleAsync(await services.ParseAsync(parse.GetValue(period), ct), parse.GetValue(tenant), Environment.UserName, ct);
            if (outcome.Refusal is not null)
            {
                await Console.Error.WriteLineAsync($"finops: {outcome.Refusal}");
                return ExitCodes.Refused;
            }
            foreach (var f in outcome.Finalised)
            {
                await Console.Out.WriteLineAsync($"{f.Number}  {f.Tenant}  {Money(f.Total, f.Currency)} {f.Currency}  issued {f.IssuedOn:yyyy-MM-dd}  due {f.DueOn:yyyy-MM-dd}");
                foreach (var warning in f.Warnings) await Console.Error.WriteLineAsync($"  warning: {f.Number}: {warning}");
            }
            await Console.Error.WriteLineAsync(outcome.Finalised.Count == 0
                ? $"nothing to do: every invoice of {parse.GetValue(period)} asked for is final ({outcome.AlreadyFinal})"
                : $"finalised {outcome.Finalised.Count} invoice(s)" + (outcome.AlreadyFinal > 0 ? $"; {outcome.AlreadyFinal} final already" : ""));
            return ExitCodes.Done;
        });
        return finalise;
    }

    private static Command Credit()
    {
        var number = new Argument<string>("NUMBER") { Description = "The finalised invoice, INV-YYYY-NNNNN" };
        var reason = new Option<string>("--reason") { Description = "Why (printed on the credit note and kept in the audit log)", Required = true };
        var reissue = new Option<bool>("--reissue") { Description = "Also make a new draft from the same frozen lines, with the billing profiles as they are now" };
        var credit = new Command("credit", "Issue a credit note CN-YYYY-NNNNN reversing a finalised invoice whole (its own gap-free series), optionally re-issuing it as a new draft.")
        {
            number, reason, reissue,
        };
        credit.WithExamples("./finops invoices credit INV-2026-00003 --reason \"PO number missing\" --reissue");
        credit.SetHandler(async (parse, services, ct) =>
        {
            var outcome = await services.GetRequiredService<CreditInvoice>().HandleAsync(parse.GetValue(number)!, parse.GetValue(reason), parse.GetValue(reissue), Environment.UserName, ct);
            if (outcome.Refusal is not null)
            {
                await Console.Error.WriteLineAsync($"finops: {outcome.Refusal}");
                return ExitCodes.Refused;
            }
            await Console.Out.WriteLineAsync($"{outcome.CreditNote}  {Money(outcome.Total, outcome.Currency!)} {outcome.Currency}");
            await Console.Error.WriteLineAsync($"credited {parse.GetValue(number)} with {outcome.CreditNote}" + (outcome.ReissuedDraft is null ? "" : "; a new draft is ready to finalise"));
            return ExitCodes.Done;
        });
        return credit;
    }

    private static Command Pay()
    {
        var number = new Argument<string>("NUMBER") { Description = "The finalised invoice, INV-YYYY-NNNNN" };
        var on = new Option<string?>("--on") { Description = "The day it was paid, YYYY-MM-DD (default: today)" };
        var reference = new Option<string?>("--reference") { Description = "The payment's reference (bank transfer, journal entry)" };
        var pay = new Command("pay", "Record that a finalised invoice was paid (audited; a paid invoice is no longer overdue).") { number, on, reference };
        pay.WithExamples("./finops invoices pay INV-2026-00003 --on 2026-11-20 --reference JE-4411");
        pay.SetHandler(async (parse, services, ct) =>
        {
            var refusal = await services.GetRequiredService<RecordInvoicePayment>().HandleAsync(parse.GetValue(number)!, CliDay.Parse("--on", parse.GetValue(on)), parse.GetValue(reference),
                Environment.UserName, ct);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync($"finops: {refusal}");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"{parse.GetValue(number)} marked paid");
            return ExitCodes.Done;
        });
        return pay;
    }

    private static Command Render()
    {
        var period = Period();
        var tenant = Tenant();
        var output = new Option<string>("--out") { Description = "The folder to write the PDFs to (created if missing)", Required = true };
        var render = new Command("render", "Write a period's invoices as PDF (INV-2026-00001-acme.pdf; drafts DRAFT-2026-09-acme.pdf; credit notes CN-…) and print their paths.")
        {
            period, tenant, output,
        };
        render.WithExamples("./finops invoices render --period 2026-10 --out invoices/", "./finops invoices render --period 2026-10 --tenant acme-retail --out /tmp");
        render.SetHandler(async (parse, services, ct) =>
        {
            var (refusal, files) = await services.GetRequiredService<RenderInvoices>().HandleAsync(await services.ParseAsync(parse.GetValue(period), ct), parse.GetValue(tenant),
                Environment.UserName, ct);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync($"finops: {refusal}");
                return ExitCodes.Refused;
            }
            var folder = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file.FileName);
                await File.WriteAllBytesAsync(path, file.Pdf, ct);
                await Console.Out.WriteLineAsync(path);
                foreach (var warning in file.Warnings) await Console.Error.WriteLineAsync($"  warning: {file.FileName}: {warning}");
            }
            await Console.Error.WriteLineAsync($"wrote {files.Count} PDF(s) to {folder}");
            return ExitCodes.Done;
        });
        return render;
    }

    private static Command Show()
    {
        var number = new Argument<string>("NUMBER") { Description = "An invoice (INV-YYYY-NNNNN) or credit note (CN-YYYY-NNNNN)" };
        var show = new Command("show", "One invoice or credit note: parties, dates, status, lines, total, and its stored PDF's SHA-256.") { number };
        show.WithExamples("./finops invoices show INV-2026-00001");
        show.SetHandler(async (parse, services, ct) =>
        {
            var (refusal, detail) = await services.GetRequiredService<ShowInvoice>().HandleAsync(parse.GetValue(number)!, ct);
            if (detail is null)
            {
                await Console.Error.WriteLineAsync($"finops: {refusal}");
                return ExitCodes.Refused;
            }
            var r = detail.Row;
            var o = Console.Out;
            await o.WriteLineAsync($"{r.Number}  {r.Standing.Name()}  period {r.Period}  tenant {r.Tenant}");
            await o.WriteLineAsync($"from     {detail.Parties.From.LegalName}");
            await o.WriteLineAsync($"bill to  {detail.Parties.To.LegalName}" + (detail.Parties.To.Email is { } email ? $" <{email}>" : ""));
            await o.WriteLineAsync($"issued   {Day(r.IssuedOn)}" + (r.DueOn is null ? "" : $"  due {Day(r.DueOn)}") + (r.PaidOn is null ? "" : $"  paid {Day(r.PaidOn)}"));
            if (detail.Parties.PoNumber is { } po) await o.WriteLineAsync($"PO       {po}");
            if (r.CreditedBy is { } credit) await o.WriteLineAsync(r.Number!.StartsWith("CN-", StringComparison.Ordinal) ? $"credits  {credit}" : $"credited by {credit}" + (detail.ReissuedAs is { } again ? $", re-issued as {again}" : ""));
            if (detail.CreditReason is { } reason) await o.WriteLineAsync($"reason   {reason}");
            await o.WriteLineAsync();
            var table = new TextTable("feature", "item", "basis", "amount", "corrects");
            foreach (var l in detail.Lines.Concat(detail.Adjustments)) table.Row(l.Feature, l.Item, l.Basis, Money(l.Amount, r.Currency), l.Corrects ?? "");
            await table.WriteAsync(o);
            await o.WriteLineAsync();
            await o.WriteLineAsync($"total    {Money(r.Total, r.Currency)} {r.Currency}");
            await o.WriteLineAsync($"pdf      {detail.Pages} page(s), sha256 {detail.Sha256}");
            return ExitCodes.Done;
        });
        return show;
    }

    private static string Money(decimal amount, string currency) =>
        amount.ToString("F" + Currency.FromCode(currency).MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
