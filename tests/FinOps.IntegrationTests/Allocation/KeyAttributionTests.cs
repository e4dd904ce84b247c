using System.Text;
using FinOps.Application.Allocation;
using FinOps.Application.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Periods;
using FinOps.Infrastructure.Billing;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Allocation;

/// <summary>
/// Vendor keys end to end on a hand-sized October: OpenAI's cost CSV names the project of every line; finance maps one
/// project to its tenant; the statements are computed by hand below.
///
/// Usage on 5 Oct (gpt-4o-2024-08-06 at 2.50 / 10.00 per 1M): acme-retail/chat and globex-bank/search each 100,000 in
/// and 10,000 out (list cost 0.35), initech/search half of that. The bill: proj_acme 3.00 input + 1.00 output;
/// proj_shared 6.00 input + 2.00 output. proj_acme → acme-retail: acme's line is 4.00, all by key; proj_shared is
/// split over globex and initech only, 2 : 1 → 5.333… and 2.666…, rounded once to 5.33 and 2.67.
/// </summary>
public sealed class KeyAttributionTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10");

    private async Task LoadOctoberAsync()
    {
        // The gateway logs the OpenAI project each request went through (a kept column): the mapping page suggests from it.
        var usage = new StringBuilder(UsageHeader).Append(",project_id\n");
        foreach (var (tenant, feature, scale, project) in new[] { ("acme-retail", "chat", 2, "proj_acme"), ("globex-bank", "search", 2, "proj_shared"), ("initech", "search", 1, "proj_shared") })
            for (var i = 0; i < scale; i++) usage.Append($"{tenant}-{i},2026-10-05T1{i}:00:00Z,{tenant},{feature},openai,gpt-4o-2024-08-06,50000,5000,0,{project}\n");
        await IngestAsync(WriteFile("usage.csv", usage.ToString()));
        await IngestAsync(WriteFile("openai-costs.csv", """
            start_time,end_time,amount_value,amount_currency,line_item,project_id,organization_id
            2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,3.00,usd,"gpt-4o-2024-08-06, input",proj_acme,org-x
            2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,1.00,usd,"gpt-4o-2024-08-06, output",proj_acme,org-x
            2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,6.00,usd,"gpt-4o-2024-08-06, input",proj_shared,org-x
            2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,2.00,usd,"gpt-4o-2024-08-06, output",proj_shared,org-x

            """));
    }

    private async Task<(int Added, int Changed, IReadOnlyList<RowProblem> Problems)> ImportAsync(string csv)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var (rows, problems) = KeyMappingCsv.Read(stream);
        if (problems.Count > 0) return (0, 0, problems);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ManageKeyMappings>().ImportAsync(rows, "finance", CancellationToken.None);
    }

    private async Task<IReadOnlyList<object[]>> StatementAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(October, "test", CancellationToken.None);
        return await Database.RowsAsync("""
            select l.line_key, l.amount, l.key_amount, coalesce(l.attribution_keys, '') from statement_lines l join statement_runs r on r.id = l.run_id
            where r.period = '2026-10' order by l.line_key
            """);
    }

    [Fact]
    public async Task A_mapped_project_charges_its_tenant_and_the_unmapped_project_is_split_over_the_others_to_the_cent()
    {
        await LoadOctoberAsync();
        var before = await StatementAsync();
        Assert.All(before, l => Assert.Equal(0m, (decimal)l[2]));

        var imported = await ImportAsync("provider,kind,value,tenant,feature,effective_from\nopenai,openai_project,proj_acme,acme-retail,,2026-10-01\n");
        Assert.Empty(imported.Problems);
        var lines = await StatementAsync();

        Assert.Equal(
            [
                ("direct|acme-retail|chat|openai|gpt-4o|", 4.00m, 4.00m, "openai_project=proj_acme"),
                ("direct|globex-bank|search|openai|gpt-4o|", 5.33m, 0m, ""),
                ("direct|initech|search|openai|gpt-4o|", 2.67m, 0m, ""),
            ],
            lines.Select(l => ((string)l[0], (decimal)l[1], (decimal)l[2], (string)l[3])));
        Assert.Equal(12.00m, lines.Sum(l => (decimal)l[1]));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'keys.imported'"));

        await using var scope = Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ManageKeyMappings>();
        var view = (await scope.ServiceProvider.GetRequiredService<GetTenantStatements>().HandleAsync(October, "acme-retail", closedOnly: false, CancellationToken.None)).View!;
        Assert.Equal((4.00m, "openai_project=proj_acme"), view.Lines.Select(l => (l.KeyAmount, l.Keys)).Single());
        var board = await scope.ServiceProvider.GetRequiredService<GetKeyBoard>().HandleAsync(October, CancellationToken.None);
        var unmapped = Assert.Single(board.Unmapped);
        Assert.Equal(("openai", "openai_project", "proj_shared", 8.00m, 2), (unmapped.Provider, unmapped.Kind, unmapped.Value, unmapped.Cost, unmapped.Lines));
        Assert.Equal(("globex-bank", 2L), (unmapped.SuggestedTenant, unmapped.SuggestedRequests));
        Assert.Equal(("acme-retail", 4.00m), board.Keys.Where(k => k.Tenant is not null).Select(k => (k.Tenant!, k.Cost)).Single());
        var coverage = Assert.Single(board.Coverage);
        Assert.Equal(("openai", 12.00m, 4.00m, 4.00m / 12.00m), (coverage.Provider, coverage.BilledCost, coverage.ByKey, coverage.Coverage));
        var exported = Assert.Single(await keys.ExportAsync(CancellationToken.None));
        Assert.Equal(("proj_acme", "acme-retail", (string?)null, new DateOnly(2026, 10, 1)), (exported.Key.Value, exported.Tenant, exported.Feature, exported.EffectiveFrom));
    }

    [Fact]
    public async Task A_closed_period_keeps_the_mappings_it_closed_with_so_a_later_change_books_no_adjustment()
    {
        await LoadOctoberAsync();
        Assert.Empty((await ImportAsync("provider,kind,value,tenant,feature,effective_from\nopenai,openai_project,proj_acme,acme-retail,,2026-10-01\n")).Problems);
        await using (var scope = Services.CreateAsyncScope())
        {
            var closed = await scope.ServiceProvider.GetRequiredService<ClosePeriod>().HandleAsync(October, "hand-made test month", "finance", CancellationToken.None);
            Assert.True(closed.Closed, closed.Refusal);
        }
        Assert.Contains("proj_acme", await Database.ScalarAsync<string>("select snapshot::text from period_closes where period = '2026-10'"));

        // Finance re-maps the project for October after the close: October is not re-rated, so November carries no correction.
        Assert.Empty((await ImportAsync("provider,kind,value,tenant,feature,effective_from\nopenai,openai_project,proj_acme,initech,,2026-10-01\n")).Problems);
        await using (var scope = Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(ChargePeriod.Parse("2026-11"), "test", CancellationToken.None);

        Assert.Equal(0L, await Database.ScalarAsync<long>(
            "select count(*) from statement_lines l join statement_runs r on r.id = l.run_id where r.period = '2026-11' and l.adjusts_period is not null"));
    }

    [Fact]
    public async Task A_mappings_file_with_any_bad_row_stores_nothing_and_names_each_problem_by_line_and_column()
    {
        await LoadOctoberAsync();

        var refused = await ImportAsync("""
            provider,kind,value,tenant,feature,effective_from
            openai,openai_project,proj_acme,acme-retail,,2026-10-01
            openai,openai_team,proj_x,acme-retail,,2026-10-01
            openai,openai_project,proj_y,no-such-tenant,,2026-10-01
            nobody,openai_project,proj_z,acme-retail,,2026-10-01
            openai,openai_project,proj_w,acme-retail,,1st of October
            openai,openai_project,proj_acme,initech,,2026-10-01

            """);

        Assert.Equal(
            [
                "line 3, column kind: kind 'openai_team' is not one FinOps reads (openai_api_key, anthropic_api_key, aws_inference_profile, aws_iam_principal, azure_deployment, openai_project, anthropic_workspace, or azure_tag:<name>, aws_tag:<name>, gcp_label:<name>, tag:<name>)",
                "line 4, column tenant: tenant 'no-such-tenant' is not known (tenants appear with their first usage)",
                "line 5, column provider: provider 'nobody' is not known (./finops providers lists them)",
                "line 6, column effective_from: effective_from '1st of October' is not a day (YYYY-MM-DD, from 2000 to 2100)",
                "line 7, column value: openai_project=proj_acme from 2026-10-01 is already on line 2",
            ],
            refused.Problems.Select(p => p.ToString()));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from vendor_attribution_keys"));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'keys.imported'"));
    }
}
