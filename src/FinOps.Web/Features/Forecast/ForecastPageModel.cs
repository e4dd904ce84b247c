using System.Globalization;
using FinOps.Application.Costs;
using FinOps.Application.Forecasting;
using FinOps.Domain.Forecasting;
using FinOps.Domain.Periods;
using MudBlazor;

namespace FinOps.Web.Features.Forecast;

/// <summary>One scope's forecast as a person reads it: cumulative cost, the forecast and its band to month end, and the backtest in words.</summary>
public sealed class ForecastPageModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public ForecastPageModel(ChargePeriod period, ScopeForecast forecast, IReadOnlyList<ScopeDailyCost> days, string currency)
    {
        Forecast = forecast;
        Currency = currency;
        var last = period.FirstDay.AddDays(period.DayCount - 1);
        var labels = new List<string>();
        var actual = new List<double>();
        var central = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        var byDay = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Cost));
        var shown = forecast.Shown;
        var cumulative = 0m;
        var daysLeft = Math.Max(1, last.DayNumber - forecast.AsOf.DayNumber);
        for (var day = period.FirstDay; day <= last; day = day.AddDays(1))
        {
            labels.Add(day.Day % 5 == 1 ? day.ToString("MMM d", Invariant) : "");
            if (day <= forecast.AsOf)
            {
                cumulative += byDay.GetValueOrDefault(day);
                actual.Add((double)cumulative);
            }
            else actual.Add(double.NaN);
            double Walk(decimal? total) => total is not { } t ? double.NaN
                : day < forecast.AsOf ? double.NaN
                : (double)(forecast.CostToDate + (t - forecast.CostToDate) * (day.DayNumber - forecast.AsOf.DayNumber) / daysLeft);
            central.Add(Walk(shown?.Total));
            low.Add(Walk(shown?.P10));
            high.Add(Walk(shown?.P90));
        }
        Labels = labels.ToArray();
        Series = [new ChartSeries<double> { Name = "Cost to date", Data = actual.ToArray() }];
        if (shown is not null)
        {
            Series.Add(new ChartSeries<double> { Name = "Forecast", Data = central.ToArray() });
            Series.Add(new ChartSeries<double> { Name = "P10", Data = low.ToArray() });
            Series.Add(new ChartSeries<double> { Name = "P90", Data = high.ToArray() });
        }
        Options = new LineChartOptions
        {
            YAxisToStringFunc = v => Shared.MoneyText.Axis(v, currency), ShowLegend = true, ConnectNullPoints = false, YAxisTitle = currency,
        };
    }

    public ScopeForecast Forecast { get; }
    public string Currency { get; }
    public string[] Labels { get; }
    public List<ChartSeries<double>> Series { get; }
    public LineChartOptions Options { get; }

    public string Money(decimal? amount) => Shared.MoneyText.Format(amount, Currency);

    /// <summary>The backtest said plainly: how far the shown method and the straight-line run rate were off, over how many points.</summary>
    public static string Backtest(ScopeForecast forecast)
    {
        if (forecast.Shown is not { } shown) return $"Not enough history to forecast yet ({forecast.Answer.HistoryDays} days; 7 needed).";
        var mine = forecast.BacktestOf(shown.Method);
        var runRate = forecast.BacktestOf(ForecastMethod.RunRate);
        if (mine.Mape is not { } mape) return "No earlier month to test the forecast against yet: the band is the only measure of doubt.";
        var text = $"Over the last {Months(mine.Points)} our forecast on the 7th, 14th and 21st was off by {Percent(mape)} on average";
        if (shown.Method != ForecastMethod.RunRate && runRate.Mape is { } naive) text += $"; a straight-line run rate by {Percent(naive)}";
        if (mine.Coverage is { } coverage) text += $". The actual total fell inside the band {Percent(coverage)} of the time";
        return text + ".";
    }

    public static string Method(ForecastMethod method) => method switch
    {
        ForecastMethod.Weekday => "weekday pattern",
        ForecastMethod.Trend => "weekday pattern with trend",
        _ => "straight-line run rate",
    };

    private static string Months(int points) => points >= 3 ? $"{points / 3} month{(points / 3 == 1 ? "" : "s")}" : $"{points} test point{(points == 1 ? "" : "s")}";

    private static string Percent(decimal fraction) => (fraction * 100m).ToString("0.0", Invariant) + " %";
}
