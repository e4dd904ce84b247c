using FinOps.Testing;

namespace FinOps.IntegrationTests.Cli;

/// <summary>The contract of forecasts through the CLI alone: columns, empty cells for insufficient history, backtests, budget status and forecast alerts.</summary>
public sealed class ForecastCliTests : DemoMonthCliTestBase
{
    [Fact]
    public async Task Forecasts_keep_their_columns_say_insufficient_history_with_empty_cells_and_fill_the_budget_status()
    {
        var early = Csv(await Cli("forecast", "--period", "2026-10", "--as-of", "2026-10-05", "--format", "csv"));
        Assert.NotEmpty(early);
        Assert.All(early, r => Assert.Equal(("5", "", "", "", "", "", ""), (r["history_days"], r["forecast"], r["p10"], r["p90"], r["run_rate"], r["method"], r["mape"])));

        var run = await Cli("forecast", "--period", "2026-10", "--as-of", "2026-10-20", "--by", "tenant-feature", "--format", "csv");
        Assert.Equal("tenant,feature,as_of,cost_to_date,forecast,p10,p90,history_days,run_rate,method,mape,run_rate_mape", Header(run));
        var rows = Csv(run);
        Assert.All(rows, r => Assert.Equal(("2026-10-20", "20"), (r["as_of"], r["history_days"])));
        // No complete period before October: no backtest point, so weekday is shown and its error is unknown (empty, never 0).
        Assert.All(rows.Where(r => r["forecast"] != ""), r =>
        {
            Assert.Equal(("weekday", "", ""), (r["method"], r["mape"], r["run_rate_mape"]));
            Assert.Matches(@"^-?\d+\.\d{6}$", r["forecast"]);
            Assert.True(D(r["p10"]) <= D(r["forecast"]) && D(r["forecast"]) <= D(r["p90"]));
            Assert.True(D(r["forecast"]) >= D(r["cost_to_date"]) || D(r["cost_to_date"]) < 0m);
        });

        var backtest = await Cli("forecast", "backtest", "--period", "2026-10", "--format", "csv");
        Assert.Equal("tenant,feature,method,points,mape,coverage", Header(backtest));
        var methods = Csv(backtest).GroupBy(r => r["tenant"]).ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, g => Assert.Equal(["weekday", "trend", "run_rate"], g.Select(r => r["method"])));
        Assert.All(methods.SelectMany(g => g), r => Assert.Equal(("0", "", ""), (r["points"], r["mape"], r["coverage"])));

        var top = Csv(await Cli("costs", "to-date", "--period", "2026-10", "--format", "csv")).Where(r => !r["tenant"].StartsWith('(')).MaxBy(r => D(r["cost_to_date"]))!["tenant"];
        Assert.Equal(0, (await Cli("budgets", "import", File("b.csv", $"tenant,feature,period,amount,currency,thresholds,until\n{top},,2026-10,100,USD,,\n"))).ExitCode);
        var status = Assert.Single(Csv(await Cli("budgets", "status", "--period", "2026-10", "--as-of", "2026-10-20", "--format", "csv")));
        var forecast = rows.Where(r => r["tenant"] == top && r["forecast"] != "").Sum(r => D(r["forecast"]));
        Assert.NotEqual("", status["forecast"]);
        Assert.Equal(decimal.Round(D(status["forecast"]) / 100m * 100m, 2), D(status["forecast_percent"]));
        Assert.True(Math.Abs(D(status["forecast"]) - forecast) < 1m, $"{status["forecast"]} vs the features' {forecast}");

        // A budget far below the month: the forecast reaches it on the first day with 7 days of history, once.
        Assert.Equal(0, (await Cli("alerts", "evaluate", "--period", "2026-10")).ExitCode);
        var forecastAlert = Assert.Single(Csv(await Cli("alerts", "list", "--period", "2026-10", "--kind", "budget_forecast", "--format", "csv")));
        Assert.Equal((top, "", "2026-10-07", "100", "100.00"), (forecastAlert["tenant"], forecastAlert["feature"], forecastAlert["crossed_on"], forecastAlert["threshold"], forecastAlert["reference"]));
        Assert.True(D(forecastAlert["value"]) >= 100m);
        Assert.Contains("0 raised", (await Cli("alerts", "evaluate", "--period", "2026-10")).StdErr);
        var anomalies = Csv(await Cli("alerts", "list", "--period", "2026-10", "--kind", "cost_anomaly", "--format", "csv"));
        Assert.Contains(anomalies, a => a["feature"] == "agent-planner" && a["crossed_on"] == "2026-10-17" && D(a["score"]) > 3m);
    }
}
