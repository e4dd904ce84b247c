using System.Globalization;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Cli;

/// <summary>
/// The contract of costs, budgets and alerts through the CLI alone (no web host, no earlier reconcile): columns, exit
/// codes, refusals by line and column, sums that reproduce the statement, replayed crossings, idempotent evaluation.
/// </summary>
public sealed class CostsBudgetsAlertsCliTests : DemoMonthCliTestBase
{
    [Fact]
    public async Task Costs_budgets_and_alerts_keep_their_columns_reproduce_the_statement_and_replay_crossings()
    {
        // Daily costs: every day of October per tenant, 6 decimals; without estimates they add up to each tenant's exact statement.
        var dailyRun = await Cli("costs", "daily", "--period", "2026-10", "--format", "csv");
        Assert.Equal("day,tenant,feature,cost,estimated_cost", Header(dailyRun));
        var daily = Csv(dailyRun);
        Assert.Equal(31, daily.Select(d => d["day"]).Distinct().Count());
        Assert.All(daily, d => Assert.Matches(@"^-?\d+\.\d{6}$", d["cost"]));
        Assert.All(daily, d => Assert.Equal("", d["feature"]));
        var exact = (await Database.RowsAsync("""
            select l.tenant, sum(l.exact_amount) from statement_lines l join statement_runs r on r.id = l.run_id where r.period = '2026-10' group by l.tenant
            """)).ToDictionary(t => (string)t[0], t => (decimal)t[1]);
        Assert.NotEmpty(exact);
        foreach (var (tenant, total) in exact)
        {
            var days = daily.Where(d => d["tenant"] == tenant).Sum(d => D(d["cost"]) - D(d["estimated_cost"]));
            Assert.True(Math.Abs(days - total) < 0.0001m, $"{tenant}: days {days} vs statement {total}");
        }

        var toDateRun = await Cli("costs", "to-date", "--period", "2026-10", "--by", "tenant-feature", "--as-of", "2026-10-15", "--format", "csv");
        Assert.Equal("tenant,feature,as_of,cost_to_date,estimated_cost", Header(toDateRun));
        var toDate = Csv(toDateRun);
        Assert.All(toDate, r => Assert.Equal("2026-10-15", r["as_of"]));
        var byTenant = toDate.GroupBy(r => r["tenant"]).ToDictionary(g => g.Key, g => g.Sum(r => D(r["cost_to_date"])));
        foreach (var (tenant, cost) in byTenant)
            Assert.True(Math.Abs(cost - daily.Where(d => d["tenant"] == tenant && string.CompareOrdinal(d["day"], "2026-10-15") <= 0).Sum(d => D(d["cost"]))) < 0.0001m);

        // Budgets: a refused file names every problem by line and column and stores nothing.
        var top = byTenant.Where(t => !t.Key.StartsWith('(')).MaxBy(t => t.Value).Key;
        var bad = await Cli("budgets", "import", File("bad.csv", "tenant,feature,period,amount,currency,thresholds,until\n" +
            "nobody,,2026-10,100,USD,,\n" +
            $"{top},,2026-13,100,USD,,\n" +
            $"{top},,2026-10,-5,USD,,\n" +
            $"{top},,2026-10,100,EUR,,\n" +
            $"{top},,2026-10,100,USD,0;50,\n" +
            $"{top},no-such-feature,2026-10,100,USD,,\n"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal("", bad.StdOut);
        foreach (var expected in new[] { "line 2, column tenant: unknown tenant 'nobody'", "line 3, column period: '2026-13' is not a period",
                     "line 4, column amount: a budget cannot be negative", "line 5, column currency: budgets are in the organisation's currency USD",
                     "line 6, column thresholds: a threshold is 1 to 1000 percent, not 0", "line 7, column feature: unknown feature 'no-such-feature'",
                     "refused, nothing imported (6 problem(s))" })
            Assert.Contains(expected, bad.StdErr);
        Assert.Equal(0L, await Database.ScalarAsync<long>("select count(*) from budgets"));

        var amount = decimal.Round(byTenant[top] * 3m, 2); // the whole month is ~2× its cost by the 15th: 50 % is crossed, 100 % not
        var good = await Cli("budgets", "import", File("budgets.csv", "tenant,feature,period,amount,currency,thresholds,until\n" +
            $"{top},,2026-10,{amount.ToString(CultureInfo.InvariantCulture)},USD,,open\n"));
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("1 added", good.StdErr);
        var export = await Cli("budgets", "export");
        Assert.Equal($"tenant,feature,period,amount,currency,thresholds,until\r\n{top},,2026-10,{amount.ToString("F2", CultureInfo.InvariantCulture)},USD,50;75;90;100,open\r\n", export.StdOut);
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from audit_log where action = 'budget.added'"));

        var statusRun = await Cli("budgets", "status", "--period", "2026-10", "--format", "csv");
        Assert.Equal("tenant,feature,amount,currency,cost_to_date,estimated_cost,percent,forecast,p10,p90,forecast_percent", Header(statusRun));
        var status = Assert.Single(Csv(statusRun));
        var monthCost = daily.Where(d => d["tenant"] == top).Sum(d => D(d["cost"]));
        Assert.Equal(decimal.Round(monthCost, 2).ToString("F2", CultureInfo.InvariantCulture), status["cost_to_date"]);
        // The month is over: as of its last day every forecast is the period total (no band left).
        Assert.Equal((status["cost_to_date"], status["cost_to_date"], status["cost_to_date"]), (status["forecast"], status["p10"], status["p90"]));
        Assert.True(Math.Abs(D(status["forecast"]) / amount * 100m - D(status["forecast_percent"])) <= 0.01m, status["forecast_percent"]);

        // Alerts, replayed: each threshold crossed on the first day cost to date reached it, whenever the evaluation runs.
        var evaluated = await Cli("alerts", "evaluate", "--period", "2026-10");
        Assert.Equal(0, evaluated.ExitCode);
        Assert.Contains("replayed through 2026-10-31", evaluated.StdErr);
        var listRun = await Cli("alerts", "list", "--period", "2026-10", "--kind", "budget_actual", "--format", "csv");
        Assert.StartsWith("kind,tenant,feature,period,crossed_on,threshold,value,reference,score,status", Header(listRun));
        var alerts = Csv(listRun);
        var cumulative = 0m;
        var crossedOn = new Dictionary<decimal, string>();
        foreach (var day in daily.Where(d => d["tenant"] == top).OrderBy(d => d["day"], StringComparer.Ordinal))
        {
            cumulative += D(day["cost"]);
            foreach (var threshold in new[] { 50m, 75m, 90m, 100m }.Where(t => cumulative >= amount * t / 100m)) crossedOn.TryAdd(threshold, day["day"]);
        }
        Assert.NotEmpty(crossedOn);
        Assert.Equal(crossedOn.OrderBy(c => c.Key).Select(c => (c.Key.ToString(CultureInfo.InvariantCulture), c.Value)),
            alerts.OrderBy(a => D(a["threshold"])).Select(a => (a["threshold"], a["crossed_on"])));
        Assert.All(alerts, a => Assert.Equal((top, "", "2026-10", amount.ToString("F2", CultureInfo.InvariantCulture), "", "open"),
            (a["tenant"], a["feature"], a["period"], a["reference"], a["score"], a["status"])));
        Assert.Contains("0 raised", (await Cli("alerts", "evaluate", "--period", "2026-10")).StdErr);

        var acked = await Cli("alerts", "ack", alerts[0]["id"], "--note", "launch month, expected");
        Assert.Equal(0, acked.ExitCode);
        var acknowledged = Csv(await Cli("alerts", "list", "--period", "2026-10", "--status", "acknowledged", "--format", "csv"));
        Assert.Equal([alerts[0]["id"]], acknowledged.Select(a => a["id"]));
        Assert.Contains("launch month, expected", await Database.ScalarAsync<string>("select details::text from audit_log where action = 'alert.acknowledged'"));

        var wrong = await Cli("costs", "daily", "--period", "2026-10", "--as-of", "2026-11-01");
        Assert.Equal((2, ""), (wrong.ExitCode, wrong.StdOut));
        Assert.Contains("--as-of: 2026-11-01 is not a day of 2026-10", wrong.StdErr);
    }
}
