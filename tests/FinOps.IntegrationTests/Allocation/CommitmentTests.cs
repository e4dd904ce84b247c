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
/// An Azure OpenAI PTU deployment end to end. The Azure cost export bills <c>ptu-east</c> 100.00 on 5 Oct (a provisioned
/// meter) and 9.00 of pay-as-you-go gpt-4o input (1,000,000 tokens). Logs: acme-retail/chat 600,000 tokens and
/// globex-bank/search 300,000 on the PTU deployment, initech/search 1,000,000 input without one. Declared at 50 tokens per
/// minute, October's capacity is 50 × 44,640 = 2,232,000 tokens (40.3 % used). Expected by hand: the commitment 66.67 /
/// 33.33 by tokens (idle shared), the usage line 9.00 initech's alone.
/// </summary>
public sealed class CommitmentTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Parse("2026-10");

    private async Task LoadAsync()
    {
        await IngestAsync(WriteFile("usage.csv", UsageHeader + ",deployment\n" +
            "a1,2026-10-05T10:00:00Z,acme-retail,chat,azure-openai,gpt-4o,500000,100000,0,ptu-east\n" +
            "g1,2026-10-05T11:00:00Z,globex-bank,search,azure-openai,gpt-4o,250000,50000,0,ptu-east\n" +
            "i1,2026-10-05T12:00:00Z,initech,search,azure-openai,gpt-4o,1000000,0,0,\n"));
        await IngestAsync(WriteFile("azure.csv",
            "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,Date,MeterName,MeterCategory,Quantity,UnitOfMeasure,CostInBillingCurrency,BillingCurrency,ConsumedService,ResourceName\n" +
            "1,10/01/2026,10/31/2026,10/05/2026,Provisioned Managed Throughput Unit,Cognitive Services,24,1 Hour,100.00,USD,microsoft.cognitiveservices,ptu-east\n" +
            "1,10/01/2026,10/31/2026,10/05/2026,gpt-4o-0806-Inp-glbl Tokens,Cognitive Services,1000,1K,9.00,USD,microsoft.cognitiveservices,oai-east\n"));
    }

    private async Task<IReadOnlyList<RowProblem>> DeclareAsync(string csv)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var (rows, problems) = CommitmentCsv.Read(stream);
        if (problems.Count > 0) return problems;
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ManageCommitments>().ImportAsync(rows, "finance", CancellationToken.None)).Problems;
    }

    [Fact]
    public async Task A_ptu_is_charged_to_the_usage_on_its_deployment_and_its_utilisation_and_idle_cost_are_reported()
    {
        await LoadAsync();
        Assert.Empty(await DeclareAsync("provider,commitment,deployment,capacity_tokens_per_minute,effective_from\nazure-openai,ptu-east,ptu-east,50,2026-01-01\n"));

        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(October, "test", CancellationToken.None);
        var lines = await Database.RowsAsync("""
            select l.line_key, l.amount from statement_lines l join statement_runs r on r.id = l.run_id where r.period = '2026-10' order by l.line_key
            """);

        Assert.Equal(
            [
                ("allocated|acme-retail|chat|||commitment:azure-openai:ptu-east", 66.67m),
                ("allocated|globex-bank|search|||commitment:azure-openai:ptu-east", 33.33m),
                ("direct|initech|search|azure-openai|gpt-4o|", 9.00m),
            ],
            lines.Select(l => ((string)l[0], (decimal)l[1])));
        var (uses, currency) = await scope.ServiceProvider.GetRequiredService<GetCommitmentUse>().HandleAsync(October, CancellationToken.None);
        var use = Assert.Single(uses);
        Assert.Equal(("USD", "azure-openai", "ptu-east", 100.00m, 900_000L, 2_232_000m), (currency, use.Provider, use.Commitment, use.Cost, use.UsedTokens, use.CapacityTokens));
        Assert.Equal(59.68m, decimal.Round(use.IdleCost!.Value, 2));
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'commitments.imported'"));

        // Reconciliation compares token bills with the usage they bill: the PTU's usage is paid by the hour, so only initech's is logged against them.
        await scope.ServiceProvider.GetRequiredService<FinOps.Application.Reconciliation.RunReconciliation>()
            .HandleAsync(October, FinOps.Domain.Reconciliation.WindowKind.Day, "test", CancellationToken.None);
        Assert.Equal(1_000_000L, await Database.ScalarAsync<long>(
            "select sum(r.logged_input_tokens + r.logged_output_tokens)::bigint from reconciliation_rows r join providers p on p.id = r.provider_id where p.slug = 'azure-openai'"));
    }

    [Fact]
    public async Task A_commitments_file_with_any_bad_row_stores_nothing_and_names_each_problem()
    {
        var problems = await DeclareAsync("""
            provider,commitment,deployment,capacity_tokens_per_minute,effective_from
            azure-openai,ptu-east,ptu-east,50,2026-01-01
            azure-openai,ptu-west,,50,2026-01-01
            azure-openai,ptu-north,ptu-north,-3,2026-01-01
            azure-openai,ptu-south,ptu-south,10,someday

            """);

        Assert.Equal(
            [
                "line 3, column deployment: deployment is required (the deployment its usage is logged under)",
                "line 4, column capacity_tokens_per_minute: capacity_tokens_per_minute '-3' is not a number of tokens per minute above 0 and at most 1,000,000,000",
                "line 5, column effective_from: effective_from 'someday' is not a day (YYYY-MM-DD, from 2000 to 2100)",
            ],
            problems.Select(p => p.ToString()));
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from commitments"));
    }
}
