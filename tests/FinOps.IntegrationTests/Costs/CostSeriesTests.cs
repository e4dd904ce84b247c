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
    public async Task A_team_leads_read_that_refreshes_a_stale_series_computes_it_for_everyone()
    {
        // The first reader of a stale month is whoever opens a page: a team lead's refresh must still see every tenant's usage and bills.
        var leadTenant = await Database.ScalarAsync<long>("select min(id) from tenants");
        await using (var lead = TestDatabases.ServicesFor(Database.ConnectionString, configure: s =>
                         s.AddScoped<ICurrentScope>(_ => new FixedScope(AccessScope.OfTenants([leadTenant])))))
        await using (var scope = lead.CreateAsyncScope())
        {
            var seen = await scope.ServiceProvider.GetRequiredService<GetCostSeries>().HandleAsync(October, CostBreakdown.Tenant, null, CancellationToken.None);
            Assert.Single(seen.ToDate().Select(t => t.Tenant).Distinct());
        }
        await AssertSeriesReproducesStatementsAsync();
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
        // top reached 50, 75 (of 120 %); second 25, 50, 100, 150 (it spent twice its budget): six budget alerts. Every alert
        // (forecasts, anomalies and inflation of the month too) is raised once, whoever ran first. Runaway traces were raised
        // when the month's logs were ingested, not by an evaluation.
        Assert.Equal(6L, await Database.ScalarAsync<long>("select count(*) from alerts where kind = 'budget_actual'"));
        Assert.Equal(await Database.ScalarAsync<long>("select count(*) from alerts where period = '2026-10' and kind not like 'reconciliation.%' and kind <> 'runaway_trace'"),
            runs.Sum(r => (long)r.Raised));
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

    [Fact]
    public async Task Burn_rates_fire_within_the_hour_once_per_window_and_day_resolve_when_spend_stops_and_digest_endpoints_get_one_message()
    {
        // A new feature burning 2.5 USD of gpt-4o input in the hour before 11:00 (list price 2.50 per 1M).
        await IngestAsync(WriteFile("burn.csv", UsageHeader + "\n" + string.Concat(Enumerable.Range(0, 10).Select(i =>
            $"burn-{i},2026-10-20T10:{i * 5:D2}:00Z,acme-retail,burn-test,openai,gpt-4o,100000,0,0\n"))));
        await using (var stream = File.OpenRead(WriteFile("burn-budget.csv", "tenant,feature,period,amount,currency,thresholds,until\nacme-retail,burn-test,2026-10,100,USD,,\n")))
        {
            var rows = BudgetCsv.Read(stream);
            Assert.False((await RunAsync(s => s.GetRequiredService<ManageBudgets>().ImportAsync(rows, new BudgetEditor("test", true), CancellationToken.None))).Refused);
        }
        var (immediate, digest) = await RunAsync(async s =>
        {
            var hooks = s.GetRequiredService<FinOps.Application.Notifications.ManageWebhooks>();
            var one = await hooks.CreateAsync("https://hooks.example.com/each", "test", CancellationToken.None);
            var two = await hooks.CreateAsync("https://hooks.example.com/digest", "test", CancellationToken.None);
            await hooks.SetDigestAsync(two.Endpoint.Id, true, CancellationToken.None);
            return (one.Endpoint.Id, two.Endpoint.Id);
        });
        Task<AlertEvaluation> EvaluateAsync(string at) => RunAsync(s =>
            s.GetRequiredService<EvaluateAlerts>().HandleAsync(October, new DateOnly(2026, 10, 19), DateTimeOffset.Parse(at), CancellationToken.None));

        // 2.50 of a 100 budget: ≥ 2 % in the last hour fires; the six hours hold 2.5 % (< 5 %), so that window does not.
        var first = await EvaluateAsync("2026-10-20T11:00:00Z");
        Assert.Equal(["burn_rate:1h:2026-10-20"], (await Database.RowsAsync(
            "select 'burn_rate:' || split_part(key, ':', 3) || ':' || split_part(key, ':', 4) from alerts where kind = 'burn_rate'")).Select(r => (string)r[0]));
        Assert.Equal("2026-10-20|acme-retail|burn-test|2.5|100|Open", (string)(await Database.RowsAsync(
            "select concat_ws('|', crossed_on, tenant, feature, trim_scale(value), trim_scale(reference), status) from alerts where kind = 'burn_rate'"))[0][0]);
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from alerts where kind = 'burn_rate'"));
        Assert.Equal(0, (await EvaluateAsync("2026-10-20T11:05:00Z")).Raised); // still burning (2.25 in the hour), raised once that day

        // Every alert of the run went to the immediate endpoint one by one, and to the digest endpoint as one message listing them.
        Assert.Equal((long)first.Raised, await Database.ScalarAsync<long>($"select count(*) from webhook_deliveries where endpoint_id = {immediate}"));
        Assert.Equal(1L, await Database.ScalarAsync<long>($"select count(*) from webhook_deliveries where endpoint_id = {digest}"));
        Assert.Contains($"\"count\":{first.Raised}", await Database.ScalarAsync<string>($"select payload from webhook_deliveries where endpoint_id = {digest}"));
        Assert.Contains("\"team_leads\":[\"lead@", await Database.ScalarAsync<string>($"select payload from webhook_deliveries where endpoint_id = {immediate} and event = 'burn_rate'"));

        // The spend stops: later that day the hour before holds nothing, and the alert resolves.
        await EvaluateAsync("2026-10-20T18:00:00Z");
        Assert.Equal("Resolved", await Database.ScalarAsync<string>("select status from alerts where kind = 'burn_rate'"));
    }

    private sealed class FixedScope(AccessScope scope) : ICurrentScope
    {
        public ValueTask<AccessScope> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(scope);
    }
}
