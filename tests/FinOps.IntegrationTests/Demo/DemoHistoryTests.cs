using FinOps.Application.Alerts;
using FinOps.Application.Demo;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Demo;

/// <summary>The demo's past and present: three closed months, this month to yesterday, budgets that crossed thresholds; loading again changes nothing.</summary>
public sealed class DemoHistoryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-demo-history-").FullName;

    public async Task InitializeAsync() => _database = await TestDatabases.CreateMigratedAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Three_months_close_this_month_runs_to_yesterday_and_budgets_cross_thresholds_once()
    {
        await using var services = TestDatabases.ServicesFor(_database.ConnectionString, new FixedClock(DateTimeOffset.Parse("2026-12-10T09:00:00Z")));
        async Task<DemoHistory> LoadAsync()
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LoadDemoData>().HandleAsync(CancellationToken.None);
            return await scope.ServiceProvider.GetRequiredService<LoadDemoHistory>().HandleAsync(_folder, 3_000, 7, null, CancellationToken.None);
        }

        var first = await LoadAsync();
        Assert.Equal([("2026-09", true), ("2026-10", true), ("2026-11", true), ("2026-12", false)], first.Months.Select(m => (m.Period, m.Closed)));
        Assert.Equal(["2026-09", "2026-10", "2026-11"], (await _database.RowsAsync("select period from period_closes order by period")).Select(r => (string)r[0]));
        Assert.Equal("2026-12-09", await _database.ScalarAsync<string>("select max(occurred_at at time zone 'UTC')::date::text from token_usage"));
        Assert.Equal(5, first.BudgetsAdded);
        Assert.True(first.AlertsRaised > 0);
        // The tight budget (80 % of last month) crossed 100 % in a closed month.
        Assert.True(await _database.ScalarAsync<long>("select count(*) from alerts where kind = 'budget_actual' and threshold = 100 and period = '2026-11'") > 0);

        var again = await LoadAsync();
        Assert.Equal((0, 0), (again.BudgetsAdded, again.AlertsRaised));
        await using var scope = services.CreateAsyncScope();
        var listed = await scope.ServiceProvider.GetRequiredService<ListAlerts>().HandleAsync("2026-11", "budget_actual", null, CancellationToken.None);
        Assert.All(listed, a => Assert.Equal("open", a.Status.ToString().ToLowerInvariant()));
        Assert.NotEmpty(listed);
    }
}
