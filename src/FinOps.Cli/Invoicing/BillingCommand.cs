using System.CommandLine;
using FinOps.Application.Invoicing;
using FinOps.Cli.Hosting;
using FinOps.Infrastructure.Export;
using FinOps.Infrastructure.Invoicing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Cli.Invoicing;

/// <summary><c>finops billing org set|export</c>, <c>finops billing tenants import|export</c>: who sends and who receives invoices.</summary>
internal static class BillingCommand
{
    public static Command Build()
    {
        var billing = new Command("billing", "Billing profiles: the organisation that sends invoices and the tenants that receive them.")
            .WithExamples("./finops billing org set --file org.json", "./finops billing tenants import tenants.csv", "./finops billing tenants export > tenants.csv");
        var org = new Command("org", "The organisation's profile: legal name, address, tax id, remit-to text, footer, logo PNG, paper and amount format.");
        org.Subcommands.Add(OrgSet());
        org.Subcommands.Add(OrgExport());
        var tenants = new Command("tenants", "Tenants' profiles: legal name, address, country, tax id, billing e-mail, payment terms, PO number.");
        tenants.Subcommands.Add(TenantsImport());
        tenants.Subcommands.Add(TenantsExport());
        tenants.Subcommands.Add(PurchaseOrder());
        billing.Subcommands.Add(org);
        billing.Subcommands.Add(tenants);
        return billing;
    }

    private static Command OrgSet()
    {
        var file = new Option<string>("--file") { Description = "JSON: legal_name, address, tax_id, remit_to, footer, logo (PNG path, under 1 MB), paper (A4|Letter), amount_format (1234.56|1,234.56)", Required = true };
        var set = new Command("set", "Set the organisation's billing profile from a JSON file (all or nothing; audited). Finalised invoices keep the profile they were issued with.") { file };
        set.WithExamples("./finops billing org set --file org.json");
        set.SetHandler(async (parse, services, ct) =>
        {
            var path = parse.GetValue(file)!;
            var (input, refusal) = await OrganisationProfileFile.ReadAsync(path, ct);
            if (input is null)
            {
                await Console.Error.WriteLineAsync($"finops: {refusal}");
                return ExitCodes.Refused;
            }
            var problems = await services.GetRequiredService<ManageBillingProfiles>().SetOrganisationAsync(input, Environment.UserName, ct);
            if (problems.Count > 0)
            {
                foreach (var problem in problems.Skip(1)) await Console.Error.WriteLineAsync($"  {Path.GetFileName(path)}: {problem}");
                await Console.Error.WriteLineAsync($"finops: {Path.GetFileName(path)}: {problems[0]}" + (problems.Count > 1 ? $" (and {problems.Count - 1} more)" : ""));
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"organisation billing profile set: {input.LegalName!.Trim()}" + (input.Logo is null ? "" : ", with logo"));
            return ExitCodes.Done;
        });
        return set;
    }

    private static Command OrgExport()
    {
        var export = new Command("export", "The organisation's profile as JSON on stdout (the logo as its SHA-256; set keeps no path).");
        export.WithExamples("./finops billing org export > org.json");
        export.SetHandler(async (_, services, ct) =>
        {
            await Console.Out.WriteLineAsync(OrganisationProfileFile.Write(await services.GetRequiredService<ManageBillingProfiles>().OrganisationAsync(ct)));
            return ExitCodes.Done;
        });
        return export;
    }

    private static Command TenantsImport()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: tenant,legal_name,address,country,tax_id,email,payment_terms_days,po_number (payment terms default 30 days)" };
        var import = new Command("import", "Import tenants' billing profiles, all or nothing (every problem by line and column); a tenant's row replaces its profile; audited.") { file };
        import.WithExamples("./finops billing tenants import tenants.csv");
        import.SetHandler(async (parse, services, ct) =>
        {
            var path = parse.GetValue(file)!;
            var name = Path.GetFileName(path);
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"finops: {path}: no such file");
                return ExitCodes.Refused;
            }
            IReadOnlyList<TenantProfileRow> rows;
            IReadOnlyList<ProfileProblem> problems;
            await using (var stream = File.OpenRead(path)) (rows, problems) = TenantProfileCsv.Read(stream);
            if (problems.Count == 0) problems = await services.GetRequiredService<ManageBillingProfiles>().ImportTenantsAsync(rows, Environment.UserName, ct);
            if (problems.Count > 0)
            {
                foreach (var problem in problems) await Console.Error.WriteLineAsync($"{name}: {problem}");
                await Console.Error.WriteLineAsync($"finops: {name}: refused, nothing imported ({problems.Count} problem(s))");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"{name}: {rows.Count} tenant profile(s) imported");
            return ExitCodes.Done;
        });
        return import;
    }

    private static Command PurchaseOrder()
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant's slug", Required = true };
        var period = new Option<string>("--period") { Description = "The charge period, YYYY-MM", Required = true };
        var number = new Option<string>("--number") { Description = "The PO number printed on that period's invoice (empty: back to the profile's)", Required = true };
        var po = new Command("po", "Set a tenant's purchase order for one period (audited); it replaces the profile's PO number on that period's invoice until finalised.")
        {
            tenant, period, number,
        };
        po.WithExamples("./finops billing tenants po --tenant acme-retail --period 2026-11 --number PO-2026-118");
        po.SetHandler(async (parse, services, ct) =>
        {
            var refusal = await services.GetRequiredService<ManageBillingProfiles>().SetPurchaseOrderAsync(parse.GetValue(tenant)!,
                await services.ParseAsync(parse.GetValue(period), ct), parse.GetValue(number), Environment.UserName, ct);
            if (refusal is not null)
            {
                await Console.Error.WriteLineAsync($"finops: {refusal}");
                return ExitCodes.Refused;
            }
            await Console.Error.WriteLineAsync($"purchase order of {parse.GetValue(tenant)} for {parse.GetValue(period)} set");
            return ExitCodes.Done;
        });
        return po;
    }

    private static Command TenantsExport()
    {
        var export = new Command("export", "Every tenant's billing profile as CSV on stdout, in the import's columns (the file round-trips).");
        export.WithExamples("./finops billing tenants export > tenants.csv");
        export.SetHandler(async (_, services, ct) =>
        {
            await using var csv = CsvExport.To(Console.Out);
            await TenantProfileCsv.WriteAsync(csv, await services.GetRequiredService<ManageBillingProfiles>().ExportTenantsAsync(ct), ct);
            return ExitCodes.Done;
        });
        return export;
    }
}
