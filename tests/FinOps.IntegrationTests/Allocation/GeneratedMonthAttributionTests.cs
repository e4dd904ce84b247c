using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Allocation;

/// <summary>
/// Vendor keys and reserved capacity on the generated October (its statements computed as the demo load computes them),
/// each expectation computed here from the stored bills and logs, not from the allocation: every team whose OpenAI
/// project finance mapped is charged exactly its project's bill lines; the shared, unmapped project is charged exactly to
/// the two tenants that log through it; each reserved deployment's hours go exactly to the one feature that runs on it.
/// </summary>
public sealed class GeneratedMonthAttributionTests : IngestTestBase
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateWithDemoMonthAsync();

    [Fact]
    public async Task Mapped_projects_charge_their_teams_exactly_their_bill_lines_and_the_shared_project_stays_with_the_tenants_behind_it()
    {
        var billedByProject = (await Database.RowsAsync("""
                select l.tags ->> 'project_id', sum(l.effective_cost) from billing_lines l join providers p on p.id = l.provider_id
                where p.slug = 'openai' and l.superseded_by_file_id is null and l.charge_category = 'Usage' and l.model_id is not null
                  and l.charge_period_start >= '2026-10-01' and l.charge_period_start < '2026-11-01'
                group by 1
                """)).ToDictionary(r => (string)r[0], r => (decimal)r[1]);
        var mapped = (await Database.RowsAsync("""
                select k.key_value, t.slug from vendor_attribution_keys k join tenants t on t.id = k.tenant_id where k.key_type = 'openai_project'
                """)).ToDictionary(r => (string)r[0], r => (string)r[1]);
        var openai = (await Database.RowsAsync("""
                select l.tenant, sum(l.exact_amount), sum(l.key_amount) from statement_lines l join statement_runs r on r.id = l.run_id
                where r.period = '2026-10' and l.line_type = 'Direct' and l.provider = 'openai' group by 1
                """)).ToDictionary(r => (string)r[0], r => ((decimal)r[1], (decimal)r[2]));

        Assert.NotEmpty(mapped);
        Assert.DoesNotContain("proj_shared", mapped.Keys);
        foreach (var (project, tenant) in mapped)
        {
            // Charged exactly its project's lines, every cent of it by key.
            Assert.Equal((billedByProject[project], billedByProject[project]), openai[tenant]);
        }
        // The shared project is split by logs over the tenants that have no mapped line in its windows: here, the two behind it.
        var sharers = openai.Where(o => !mapped.ContainsValue(o.Key)).ToList();
        Assert.Equal(["soylent", "wonka"], sharers.Select(s => s.Key).Order());
        Assert.Equal(billedByProject["proj_shared"], sharers.Sum(s => s.Value.Item1));
        Assert.All(sharers, s => Assert.Equal(0m, s.Value.Item2));
    }

    [Theory]
    [InlineData("commitment:azure-openai:ptu-eastus-01", "umbrella-health", "clinical-notes", "azure-openai")]
    [InlineData("commitment:aws-bedrock:arn:aws:bedrock:us-east-1:210987654321:provisioned-model/pt-kyc-claude3-sonnet", "globex-bank", "kyc-extraction", "aws-bedrock")]
    public async Task A_reserved_deployments_hours_go_exactly_to_the_feature_that_runs_on_it(string pool, string tenant, string feature, string provider)
    {
        var billed = await Database.ScalarAsync<decimal>($"""
            select sum(l.effective_cost) from billing_lines l join providers p on p.id = l.provider_id
            where p.slug = '{provider}' and l.superseded_by_file_id is null and l.commitment_status is not null
              and l.charge_period_start >= '2026-10-01' and l.charge_period_start < '2026-11-01'
            """);
        var lines = await Database.RowsAsync($"""
            select l.tenant, l.feature, l.exact_amount from statement_lines l join statement_runs r on r.id = l.run_id where r.period = '2026-10' and l.pool = '{pool}'
            """);

        Assert.True(billed > 0m);
        var line = Assert.Single(lines);
        Assert.Equal((tenant, feature, billed), ((string)line[0], (string)line[1], (decimal)line[2]));
        // Its usage is nobody's token line: no direct line of that feature on that provider.
        Assert.Equal(0L, await Database.ScalarAsync<long>($"""
            select count(*) from statement_lines l join statement_runs r on r.id = l.run_id
            where r.period = '2026-10' and l.line_type = 'Direct' and l.provider = '{provider}' and l.tenant = '{tenant}' and l.feature = '{feature}'
            """));
    }
}
