using FinOps.Testing;
using FinOps.Application.Catalog;
using FinOps.IntegrationTests.Cli;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Catalog;

public class UnmappedModelsTests : IngestTestBase
{
    private const string Costs = "start_time,end_time,amount_value,amount_currency,line_item,organization_id\n" +
                                 "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2.5,USD,\"gpt-9-turbo-2027-01-01, input\",org-1\n" +
                                 "2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,1.0,USD,\"gpt-4o-2024-08-06, output\",org-1\n";

    [Fact]
    public async Task Unknown_names_are_listed_not_dropped_and_an_alias_resolves_them_now()
    {
        await IngestAsync(WriteFile("costs.csv", Costs));
        await IngestAsync(WriteFile("usage.csv", UsageHeader + "\nr1,2026-10-05T10:00:00Z,acme,chat,openai,my-finetune-v2,100,10,0\n"));
        var list = Services.GetRequiredService<ListUnmappedModels>();

        var before = await list.HandleAsync(default);

        Assert.Contains(before, u => u is { Source: "billing", Provider: "openai", Name: "gpt-9-turbo-2027-01-01", Lines: 1, BilledCost: 2.5m });
        Assert.Contains(before, u => u is { Source: "usage", Provider: "openai", Name: "my-finetune-v2", Lines: 1 });
        Assert.DoesNotContain(before, u => u.Name.Contains("gpt-4o"));

        var alias = await CliProcess.RunAsync(Database.ConnectionString, "models", "alias", "--provider", "openai", "gpt-9-turbo", "gpt-4o");
        var after = await list.HandleAsync(default);
        var csv = await CliProcess.RunAsync(Database.ConnectionString, "models", "unmapped", "--format", "csv");

        Assert.Equal(0, alias.ExitCode);
        Assert.Contains("1 billing line(s) resolved", alias.StdErr);
        Assert.DoesNotContain(after, u => u.Name.Contains("gpt-9-turbo"));
        Assert.Equal(2L, await Database.ScalarAsync<long>("select count(*) from billing_lines l join models m on m.id = l.model_id where m.name = 'gpt-4o'"));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'model_alias.added'"));
        Assert.StartsWith("source,provider,name,lines,billed_cost,first_seen,last_seen\r\nusage,openai,my-finetune-v2,1,0,", csv.StdOut);
    }

    [Theory]
    [InlineData("nope", "gpt-4o", "unknown provider 'nope'")]
    [InlineData("openai", "gpt-99", "unknown model 'gpt-99' of openai")]
    public async Task An_alias_to_something_unknown_is_refused_with_the_reason(string provider, string model, string reason)
    {
        var result = await CliProcess.RunAsync(Database.ConnectionString, "models", "alias", "--provider", provider, "x-name", model);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.StdErr);
    }

    [Fact]
    public async Task An_alias_already_naming_another_model_is_refused()
    {
        var result = await CliProcess.RunAsync(Database.ConnectionString, "models", "alias", "--provider", "openai", "gpt-4o-2024-08-06", "gpt-4o-mini");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already names another model", result.StdErr);
    }
}
