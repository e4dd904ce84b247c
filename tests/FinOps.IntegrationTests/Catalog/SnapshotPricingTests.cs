using System.Text;
using FinOps.Application.Allocation;
using FinOps.Application.Catalog;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Periods;
using FinOps.Domain.Reconciliation;
using FinOps.Infrastructure.Catalog;
using FinOps.Infrastructure.Export;
using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Catalog;

/// <summary>Price cards named by any name the catalog knows: dated snapshots priced on their own, unknown names added.</summary>
public sealed class SnapshotPricingTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10");
    private const string PriceHeader = "provider,model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency";

    /// <summary>Tenant old-snapshot calls gpt-4o-2024-05-13, tenant new-snapshot calls gpt-4o-2024-08-06: 10 requests each of 100,000 in / 10,000 out on 5 Oct.</summary>
    private static string SnapshotUsage()
    {
        var csv = new StringBuilder(UsageHeader).Append('\n');
        for (var i = 0; i < 20; i++)
        {
            var (tenant, model) = i % 2 == 0 ? ("old-snapshot", "gpt-4o-2024-05-13") : ("new-snapshot", "gpt-4o-2024-08-06");
            csv.Append($"snap-{i},2026-10-05T{i:D2}:10:00Z,{tenant},assistant,openai,{model},100000,10000,0\n");
        }
        return csv.ToString();
    }

    /// <summary>OpenAI's bill of 5 Oct, each snapshot at its own price: 05-13 at $5/$15, 08-06 at $2.50/$10 per 1M.</summary>
    private const string SnapshotBill = """
        start_time,end_time,amount_value,amount_currency,line_item,project_id,organization_id,project_name,organization_name
        2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,5.00,usd,"gpt-4o-2024-05-13, input",proj_a,org-x,A,X
        2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,1.50,usd,"gpt-4o-2024-05-13, output",proj_a,org-x,A,X
        2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2.50,usd,"gpt-4o-2024-08-06, input",proj_a,org-x,A,X
        2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,1.00,usd,"gpt-4o-2024-08-06, output",proj_a,org-x,A,X

        """;

    private static async Task<PriceImportResult> ImportPricesAsync(IServiceProvider services, string csv)
    {
        await using var scope = services.CreateAsyncScope();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await scope.ServiceProvider.GetRequiredService<ImportPriceCards>().HandleAsync(PriceCardCsv.Read(stream), "test", CancellationToken.None);
    }

    private static async Task<(ReconciliationReport Report, StatementsView Statements)> ComputeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RunReconciliation>().HandleAsync(October, WindowKind.Day, "test", CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(October, "test", CancellationToken.None);
        var report = (await scope.ServiceProvider.GetRequiredService<GetReconciliation>().HandleAsync(October, WindowKind.Day, CancellationToken.None))!;
        var statements = (await scope.ServiceProvider.GetRequiredService<GetTenantStatements>().HandleAsync(October, null, false, CancellationToken.None)).View!;
        return (report, statements);
    }

    [Fact]
    public async Task Two_snapshots_of_one_family_priced_differently_reconcile_and_allocate_each_at_its_own_price()
    {
        var imported = await ImportPricesAsync(Services, $"{PriceHeader}\nopenai,gpt-4o-2024-05-13,2026-10-01,5.00,15.00,2.50,USD\nopenai,gpt-4o-2024-08-06,2026-10-01,2.50,10.00,1.25,USD\n");
        Assert.False(imported.Refused, string.Join("; ", imported.Problems));
        Assert.Equal(2, imported.Added);
        await IngestAsync(WriteFile("usage.csv", SnapshotUsage()));
        await IngestAsync(WriteFile("openai-costs.csv", SnapshotBill));

        var (report, statements) = await ComputeAsync(Services);

        // One window for the model (grouped by model, not by snapshot), expected at each snapshot's own price: 6.50 + 3.50.
        var day = Assert.Single(report.Lines, l => l.Provider == "openai");
        Assert.Equal(("gpt-4o", 10.00m, 10.00m, ReconciliationStatus.Matched), (day.Model, day.BilledCost, day.ExpectedCost, day.Status));
        // At the family's price (2.50/10 for both) the old snapshot's tenant would carry half of 10.00; at its own price it carries 6.50.
        Assert.Equal(6.50m, statements.ByTenant.Single(t => t.Tenant == "old-snapshot").Total);
        Assert.Equal(3.50m, statements.ByTenant.Single(t => t.Tenant == "new-snapshot").Total);
        Assert.All(statements.Lines.Where(l => l.LineType == "direct"), l => Assert.Equal("gpt-4o", l.Model));
    }

    [Fact]
    public async Task A_price_file_in_snapshot_names_gives_the_same_reconciliation_and_statements_as_one_in_family_names()
    {
        await using var family = await TestDatabases.CreateMigratedAsync();
        await using var familyServices = TestDatabases.ServicesFor(family.ConnectionString);
        var inFamilyNames = $"{PriceHeader}\nopenai,gpt-4o,2026-10-01,3.00,12.00,1.50,USD\n";
        var inSnapshotNames = $"{PriceHeader}\nopenai,gpt-4o-2024-05-13,2026-10-01,3.00,12.00,1.50,USD\nOpenAI,gpt-4o-2024-08-06,2026-10-01,3.00,12.00,1.50,USD\n";
        Assert.False((await ImportPricesAsync(familyServices, inFamilyNames)).Refused);
        Assert.False((await ImportPricesAsync(Services, inSnapshotNames)).Refused);
        foreach (var (services, name) in new[] { (familyServices, "family"), (Services, "snapshot") })
        {
            await using var scope = services.CreateAsyncScope();
            var ingest = scope.ServiceProvider.GetRequiredService<FinOps.Application.Ingest.IngestFile>();
            await ingest.HandleAsync(new FinOps.Application.Ingest.IngestRequest(WriteFile($"usage-{name}.csv", SnapshotUsage()), "auto", null, null, "test"), null, default);
            await ingest.HandleAsync(new FinOps.Application.Ingest.IngestRequest(WriteFile($"bill-{name}.csv", SnapshotBill), "auto", null, null, "test"), null, default);
        }

        var (familyReport, familyStatements) = await ComputeAsync(familyServices);
        var (snapshotReport, snapshotStatements) = await ComputeAsync(Services);

        Assert.Equal(familyReport.Lines.Select(l => (l.Provider, l.Model, l.WindowStart, l.ExpectedCost, l.Status)),
            snapshotReport.Lines.Select(l => (l.Provider, l.Model, l.WindowStart, l.ExpectedCost, l.Status)));
        Assert.Equal(familyStatements.Lines, snapshotStatements.Lines);
        // Both priced at 3/12 per 1M: 20 × (0.1M × 3 + 0.01M × 12) / 1M, not at the seeded list price of the family.
        Assert.Equal(8.40m, snapshotReport.Lines.Single().ExpectedCost);
        Assert.NotEmpty(snapshotStatements.Lines);
    }

    [Fact]
    public async Task A_name_the_catalog_never_saw_adds_its_model_audited_and_the_export_imports_back_unchanged()
    {
        var imported = await ImportPricesAsync(Services,
            $"{PriceHeader}\nacme-llm,house-model-7b,2026-10-01,0.10,0.20,0.05,USD\nanthropic,claude-sonnet-4-20250514,2026-10-01,3.00,15.00,0.30,USD\n");

        Assert.False(imported.Refused, string.Join("; ", imported.Problems));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from models m join providers p on p.id = m.provider_id where p.slug = 'acme-llm' and m.name = 'house-model-7b'"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from audit_log where action in ('model.added', 'provider.added')"));
        // The snapshot card is kept on its name, not on the model.
        Assert.Equal("claude-sonnet-4-20250514", await Database.ScalarAsync<string>(
            "select a.alias from price_cards c join model_aliases a on a.id = c.model_alias_id where c.effective_from = '2026-10-01'"));

        await using var scope = Services.CreateAsyncScope();
        var exported = new MemoryStream();
        await using (var csv = CsvExport.To(exported))
            await PriceCardCsv.WriteAsync(csv, await scope.ServiceProvider.GetRequiredService<ListPriceCards>().HandleAsync(default), default);
        var text = Encoding.UTF8.GetString(exported.ToArray());
        Assert.Contains("anthropic,claude-sonnet-4-20250514,2026-10-01T00:00:00Z,3.00,15.00,0.30,USD,,", text);
        var again = await ImportPricesAsync(Services, text);
        Assert.Equal((0, 0), (again.Added, again.Changed));
        Assert.Equal(await Database.ScalarAsync<long>("select count(*) from price_cards"), again.Unchanged);
    }
}
