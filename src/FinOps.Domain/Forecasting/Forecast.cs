namespace FinOps.Domain.Forecasting;

public enum ForecastMethod { Weekday, Trend, RunRate }

/// <summary>
/// A period total forecast as of a day by one method, with its band: <see cref="Total"/> = cost to date + scheduled
/// remainder + the method's remaining variable days. Null values never stand for a number: see <see cref="Forecaster"/>.
/// </summary>
public sealed record Forecast(ForecastMethod Method, DateOnly AsOf, decimal CostToDate, decimal ScheduledRemainder, decimal Total, decimal P10, decimal P90,
    int HistoryDays);

/// <summary>A method's record on history: its forecasts as of days 7, 14 and 21 of the last complete periods against their totals.</summary>
public sealed record Backtest(ForecastMethod Method, int Points, decimal? Mape, decimal? Coverage);

/// <summary>The forecast shown for a scope: the method with the lowest backtest error, every method's evidence beside it.</summary>
public sealed record ForecastAnswer(Forecast? Shown, IReadOnlyDictionary<ForecastMethod, Forecast> ByMethod, IReadOnlyList<Backtest> Backtests, int HistoryDays)
{
    public bool InsufficientHistory => Shown is null;

    public static string Name(ForecastMethod method) => method switch
    {
        ForecastMethod.Weekday => "weekday",
        ForecastMethod.Trend => "trend",
        _ => "run_rate",
    };
}
