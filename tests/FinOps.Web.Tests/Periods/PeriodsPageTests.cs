using Bunit;
using FinOps.Application;
using FinOps.Application.Access;
using FinOps.Application.Ingest;
using FinOps.Domain.Access;
using FinOps.Infrastructure;
using FinOps.Testing;
using FinOps.Web.Features.Periods;
using FinOps.Web.Tests.Shell;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FinOps.Web.Tests.Periods;

/// <summary>The Close button over a real database: the confirmation names the total and the blockers, and a reason closes it.</summary>
public sealed class PeriodsPageTests : ShellTestContext, IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-bunit-periods-").FullName;
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabases.CreateMigratedAsync();
        await using (var services = TestDatabases.ServicesFor(_database.ConnectionString))
        {
            foreach (var (name, content) in new[]
                     {
                         ("usage.csv", "request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\nr-1,2026-10-05T10:00:00Z,acme-retail,chat,openai,gpt-4o,1000,0\n"),
                         ("costs.csv", "start_time,end_time,amount_value,amount_currency,line_item\n2026-10-05T00:00:00Z,2026-10-06T00:00:00Z,12.34,usd,\"gpt-4o-2024-08-06, input\"\n"),
                     })
            {
                var path = Path.Combine(_folder, name);
                await File.WriteAllTextAsync(path, content);
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IngestFile>().HandleAsync(new IngestRequest(path, UploadedBy: "test"), null, CancellationToken.None);
            }
            await using (var scope = services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<FinOps.Application.Allocation.ComputeStatements>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), "test", CancellationToken.None);
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
    public void Closing_names_the_total_and_blockers_and_needs_a_reason_before_it_freezes_the_period()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<PeriodsPage>();
        page.WaitForAssertion(() => Assert.Equal("open", page.Find("[data-testid=period-status]").TextContent));

        page.Find("[data-testid=close-period]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("12.34 USD", dialogs.Find("[data-testid=close-totals]").TextContent));
        Assert.Contains("reconciliation window", dialogs.Find("[data-testid=close-blockers]").TextContent);
        Assert.True(dialogs.Find("[data-testid=close-confirm]").HasAttribute("disabled"));

        dialogs.Find("textarea[data-testid=close-reason], [data-testid=close-reason] textarea").Input("test bill, priced per request");
        dialogs.Find("[data-testid=close-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("closed", page.Find("[data-testid=period-status]").TextContent));
    }
}
