using FinOps.Application.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

[Collection(AppCollection.Name)]
public class UnmappedModelsPageTests(AppHost app)
{
    [Fact]
    public async Task Finance_maps_an_unknown_bill_meter_to_a_model_from_the_unmapped_list()
    {
        var folder = Directory.CreateTempSubdirectory("finops-e2e-").FullName;
        var path = Path.Combine(folder, "costs.csv");
        await File.WriteAllTextAsync(path, "start_time,end_time,amount_value,amount_currency,line_item,organization_id\n" +
                                           "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,3.5,USD,\"gpt-4o-preview-x, input\",org-e2e\n");
        await using (var services = TestDatabases.ServicesFor(app.Database.ConnectionString))
        await using (var scope = services.CreateAsyncScope())
            Assert.Equal(IngestResult.Stored, (await scope.ServiceProvider.GetRequiredService<IngestFile>()
                .HandleAsync(new IngestRequest(path), null, default)).Result);

        var page = await app.OpenAsync("/catalog/unmapped", "finance@demo.finops");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "gpt-4o-preview-x" });
        await Assertions.Expect(row).ToContainTextAsync("3.50");
        await row.Locator("input").FillAsync("gpt-4o");
        await row.GetByTestId("map-button").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "gpt-4o-preview-x" })).ToHaveCountAsync(0);
        Assert.Equal(1L, await app.Database.ScalarAsync<long>(
            "select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o' and l.billing_account = 'org-e2e'"));
        await page.Context.CloseAsync();
        Directory.Delete(folder, recursive: true);
    }
}
