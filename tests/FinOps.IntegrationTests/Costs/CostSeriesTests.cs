using FinOps.Application.Access;
using FinOps.Application.Alerts;
using FinOps.Application.Allocation;
using FinOps.Application.Budgets;
using FinOps.Application.Costs;
using FinOps.Domain.Access;
using FinOps.Domain.Periods;
using FinOps.Infrastructure.Budgets;
using FinOps.IntegrationTests.Ingest;
using FinOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Costs;

/// <summary>Cost series on a generated month in real PostgreSQL: the statement reproduced, staleness from the database's triggers, freezing at close, scope.</summary>
public sealed class CostSeriesTests : IngestTestBase
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabases.CreateWithDemoMonthAsync();

    private async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private Task<CostSeriesFreshness> RefreshAsync() => RunAsync(s => s.GetRequiredService<RefreshCostSeries>().HandleAsync(October, CancellationToken.None));

    /// <summary>Each statement line's exact amount against the sum of its days in the stored series (estimates apart).</summary>
    private async Task AssertSeriesReproducesStatementsAsync()
    {
        await RunAsync(s => s.GetRequiredService<ComputeStatements>().HandleAsync(October, "test", CancellationToken.None));
        var differences = await Database.ScalarAsync<long>("""
            select count(*) from (select l.line_key, l.exact_amount from statement_lines l join statement_runs r on r.id = l.run_id where r.period = '2026-10') s
            full join (select line_key, sum(cost - estimated) as billed from cost_series where period = '2026-10' group by line_key) c on c.line_key = s.line_key
            where coalesce(s.exact_amount, 0) <> coalesce(c.billed, 0)
            """);
        Assert.Equal(0L, differences);
    }

    [Fact]
    public async Task The_days_of_a_generated_month_add_up_to_its_statement_and_a_days_file_recomputes_from_that_day_only()
    {
        var first = await RefreshAsync();
        Assert.Equal((October.FirstDay, new DateOnly(2026, 10, 31)), (first.RecomputedFrom!.Value, first.Through!.Value));
        await AssertSeriesReproducesStatementsAsync();
        Assert.False((await RefreshAsync()).WasStale);

        // One more day's usage (the 20th): the database marks October stale from the 20th, and only those days are recomputed.
        await IngestAsync(WriteFile("late-day.csv", UsageHeader + "\n" +
            "extra-1,2026-10-20T08:00:00Z,acme-retail,support-chat,openai,gpt-4o,120000,3000,0\n" +
            "extra-2,2026-10-20T09:30:00Z,globex-bank,support-chat,openai,gpt-4o,90000,2000,0\n"));
        Assert.Equal("2026-10-20", await Database.ScalarAsync<string>("select stale_from::text from cost_series_state where period = '2026-10'"));
        var again = await RefreshAsync();
        Assert.Equal(new DateOnly(2026, 10, 20), again.RecomputedFrom);
        await AssertSeriesReproducesStatementsAsync();
        // The days before the change were not touched, and replaying the 19th gives what it gave before.
        var daily = await RunAsync(s => s.GetRequiredService<GetCostSeries>().HandleAsync(October, CostBreakdown.Tenant, new DateOnly(2026, 10, 19), CancellationToken.None));
        Assert.Equal(new DateOnly(2026, 10, 19), daily.AsOf);
        Assert.All(daily.Days, d => Assert.True(d.Day <= new DateOnly(2026, 10, 19)));
    }

    [Fact]
    public async Task A_price_card_or_a_rule_makes_every_open_period_stale_and_a_close_freezes_the_series()
    {
        await RefreshAsync();
        await Database.ExecuteAsync("update price_cards set input_per_m_tok = input_per_m_tok * 2 where id = (select min(id) from price_cards)");
        Assert.Equal("2026-10-01", await Database.ScalarAsync<string>("select stale_from::text from cost_series_state where period = '2026-10'"));

        var closed = await RunAsync(s => s.GetRequiredService<ClosePeriod>().HandleAsync(October, "test month: faults are injected on purpose", "test", CancellationToken.None));
        Assert.True(closed.Closed, closed.Refusal);
        Assert.True(await Database.ScalarAsync<bool>("select frozen from cost_series_state where period = '2026-10'"));
        var frozenTotal = await Database.ScalarAsync<decimal>("select sum(cost) from cost_series where period = '2026-10'");
        Assert.Equal(0m, await Database.ScalarAsync<decimal>("select coalesce(sum(estimated), 0) from cost_series where period = '2026-10'"));
        Assert.Equal(await Database.ScalarAsync<decimal>("select sum(exact_amount) from closed_statement_lines where period = '2026-10'"), frozenTotal);

        // Late usage for the closed month: October stays as it closed; November (where its adjustments go) becomes stale from its first day.
        await IngestAsync(WriteFile("late.csv", UsageHeader + "\nlate-1,2026-10-21T08:00:00Z,acme-retail,support-chat,openai,gpt-4o,50000,100,0\n"));
        Assert.False((await RefreshAsync()).WasStale);
        Assert.Equal(frozenTotal, await Database.ScalarAsync<decimal>("select sum(cost) from cost_series where period = '2026-10'"));
        Assert.Equal("2026-11-01", await Database.ScalarAsync<string>("select stale_from::text from cost_series_state where period = '2026-11'"));
    }

    [Fact]
    public async Task Concurrent_evaluations_raise_each_alert_once_and_a_team_lead_sees_only_their_tenants()
    {
        var toDate = (await RunAsync(s => s.GetRequiredService<GetCostSeries>().HandleAsync(October, CostBreakdown.Tenant, null, CancellationToken.None))).ToDate();
        var top = toDate.Where(t => !t.Tenant.StartsWith('(')).OrderByDescending(t => t.CostToDate).First();
        var second = toDate.Where(t => !t.Tenant.StartsWith('(') && t.Tenant != top.Tenant).OrderByDescending(t => t.CostToDate).First();
        var csv = WriteFile("budgets.csv", "tenant,feature,period,amount,currency,thresholds,until\n" +
            $"{top.Tenant},,2026-10,{decimal.Round(top.CostToDate * 1.2m, 2)},USD,,\n{second.Tenant},,2026-10,{decimal.Round(second.CostToDate / 2m, 2)},USD,25;50;100;150,open\n");
        await using (var stream = File.OpenRead(csv))
        {
            var rows = BudgetCsv.Read(stream);
            var imported = await RunAsync(s => s.GetRequiredService<ManageBudgets>().ImportAsync(rows, new BudgetEditor("test", true), CancellationToken.None));
            Assert.Equal(2, imported.Added);
        }

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            RunAsync(s => s.GetRequiredService<EvaluateAlerts>().HandleAsync(October, null, null, CancellationToken.None)))));
        // top reached 50, 75 (of 120 %); second 25, 50, 100, 150 (it spent twice its budget): six alerts, raised once whoever ran first.
        Assert.Equal(6, runs.Sum(r => r.Raised));
        Assert.Equal(6L, await Database.ScalarAsync<long>("select count(*) from alerts where kind = 'budget_actual'"));
        Assert.Equal(0, (await RunAsync(s => s.GetRequiredService<EvaluateAlerts>().HandleAsync(October, null, null, CancellationToken.None))).Raised);

        // A team lead of `second` sees its alerts and costs, nothing of `top`.
        var secondId = await Database.ScalarAsync<long>($"select id from tenants where slug = '{second.Tenant}'");
        await using var lead = TestDatabases.ServicesFor(Database.ConnectionString, configure: s =>
            s.AddScoped<ICurrentScope>(_ => new FixedScope(AccessScope.OfTenants([secondId]))));
        await using var scope = lead.CreateAsyncScope();
        var alerts = await scope.ServiceProvider.GetRequiredService<ListAlerts>().HandleAsync("2026-10", "budget_actual", null, CancellationToken.None);
        Assert.Equal([second.Tenant], alerts.Select(a => a.Tenant).Distinct());
        var costs = await scope.ServiceProvider.GetRequiredService<GetCostSeries>().HandleAsync(October, CostBreakdown.Tenant, null, CancellationToken.None);
        Assert.Equal([second.Tenant], costs.ToDate().Select(t => t.Tenant));
        var refused = await scope.ServiceProvider.GetRequiredService<ManageBudgets>().ImportAsync(
            [FinOps.Domain.Ingest.ParsedRow<BudgetRow>.Good(2, new BudgetRow(second.Tenant, null, "2026-11", 10m, "USD", [100m], null), ""),
             FinOps.Domain.Ingest.ParsedRow<BudgetRow>.Good(3, new BudgetRow(top.Tenant, "support-chat", "2026-11", 10m, "USD", [100m], null), "")],
            new BudgetEditor("lead", IsFinance: false), CancellationToken.None);
        Assert.Equal(["line 2, column feature: a team lead sets budgets per feature; a whole tenant's budget is finance's",
            $"line 3, column tenant: '{top.Tenant}' is not one of your tenants"], refused.Problems.Select(p => p.ToString()));
    }

    private sealed class FixedScope(AccessScope scope) : ICurrentScope
    {
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
    }
}
