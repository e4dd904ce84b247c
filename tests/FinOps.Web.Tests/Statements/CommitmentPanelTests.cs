using Bunit;
using FinOps.Application;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Billing;
using FinOps.Application.Ingest;
using FinOps.Domain.Access;
using FinOps.Infrastructure;
using FinOps.Testing;
using FinOps.Web.Features.Statements;
using FinOps.Web.Tests.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.Web.Tests.Statements;

/// <summary>The allocation overview shows each commitment's cost, use, capacity, utilisation and idle cost (an Azure PTU used at 40.3 %).</summary>
public sealed class CommitmentPanelTests : ShellTestContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-bunit-commitments-").FullName;
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        await using (var services = TestDatabases.ServicesFor(_database.ConnectionString))
        {
            foreach (var (name, content) in new[]
                     {
                         ("usage.csv", "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens,deployment\n" +
                                       "a1,2026-10-05T10:00:00Z,acme-retail,chat,azure-openai,gpt-4o,500000,100000,ptu-east\n" +
                                       "g1,2026-10-05T11:00:00Z,globex-bank,search,azure-openai,gpt-4o,250000,50000,ptu-east\n"),
                         ("azure.csv", "BillingAccountId,BillingPeriodStartDate,BillingPeriodEndDate,Date,MeterName,MeterCategory,Quantity,UnitOfMeasure,CostInBillingCurrency,BillingCurrency,ResourceName\n" +
                                       "1,10/01/2026,10/31/2026,10/05/2026,Provisioned Managed Throughput Unit,Cognitive Services,24,1 Hour,100.00,USD,ptu-east\n"),
                     })
            {
                var path = Path.Combine(_folder, name);
                await File.WriteAllTextAsync(path, content);
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, CancellationToken.None);
            }
            await using (var scope = services.CreateAsyncScope())
            {
                var declared = await scope.ServiceProvider.GetRequiredService<ManageCommitments>().ImportAsync(
                    [new CommitmentRow(2, "azure-openai", "ptu-east", "ptu-east", "50", "2026-01-01")], "test", CancellationToken.None);
                Assert.Empty(declared.Problems);
                await scope.ServiceProvider.GetRequiredService<ComputeStatements>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), "test", CancellationToken.None);
            }
        }
        Services.AddFinOpsApplication();
        Services.AddFinOpsInfrastructure(_database.ConnectionString);
        Services.AddScoped<ICurrentScope, SystemScope>();
        SignInAs("finance@demo.finops", Roles.FinanceAdmin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void The_commitment_panel_states_cost_use_capacity_utilisation_and_idle_cost()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/statements?period=2026-10");

        var page = Render<StatementsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=statements-commitments]")), TimeSpan.FromMinutes(2));
        var panel = page.Find("[data-testid=statements-commitments]").TextContent;
        Assert.Contains("azure-openai · ptu-east", panel);
        Assert.Contains("100.00 USD", panel);
        Assert.Contains("900,000", panel);
        Assert.Contains("2,232,000", panel);
        Assert.Equal("40.3 %", page.Find("[data-testid=commitment-utilisation]").TextContent.Trim());
        Assert.Contains("59.68 USD", panel);
        Assert.Contains("shared by use", panel);
    }
}
