using System.Globalization;
using FinOps.Application.WhatIf;
using MudBlazor;

namespace FinOps.Web.Features.WhatIf;

/// <summary>
/// The charts and words of a feature's what-if page, computed from the answers (never in the page): cumulative cost
/// month by month after a switch (with its one-off cost), and both monthly costs of self-hosting against volume.
/// </summary>
public static class FeatureWhatIfModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Months shown on the break-even chart: a year, or until a little after the break-even when it is later.</summary>
    public static int MonthsShown(ModelWhatIfAnswer answer) => answer.BreakEvenMonths is { } m && m > 10m ? (int)Math.Min(60m, Math.Ceiling(m * 1.25m)) : 12;

    public static (string[] Labels, List<ChartSeries<double>> Series, LineChartOptions Options) BreakEven(ModelWhatIfAnswer answer, string targetName)
    {
        var points = answer.Cumulative(MonthsShown(answer));
        var labels = points.Select(p => p.Month % 2 == 0 || points.Count <= 13 ? $"M{p.Month}" : "").ToArray();
        var series = new List<ChartSeries<double>>
        {
            new() { Name = "Stay as is", Data = points.Select(p => (double)p.Current).ToArray() },
            new() { Name = answer.OneOffCost is > 0m ? $"Switch to {targetName} (incl. one-off)" : $"Switch to {targetName}", Data = points.Select(p => (double)p.WhatIf).ToArray() },
        };
        return (labels, series, new LineChartOptions { YAxisToStringFunc = v => Shared.MoneyText.Axis(v, answer.Currency), ShowLegend = true, YAxisTitle = answer.Currency, XAxisTitle = "Months after the switch" });
    }

    public static string Verdict(ModelWhatIfAnswer answer, string targetName)
    {
        string Money(decimal amount) => Shared.MoneyText.Format(amount, answer.Currency);
        var perMonth = answer.DifferencePerMonth;
        var text = perMonth < 0m ? $"{targetName} would cost {Money(-perMonth)} a month less" : perMonth > 0m ? $"{targetName} would cost {Money(perMonth)} a month more" : $"{targetName} would cost the same";
        if (answer.OneOffCost is { } oneOff and > 0m)
            text += answer.BreakEvenMonths is { } months ? $"; the {Money(oneOff)} one-off cost is paid back after {months.ToString("0.#", Invariant)} months" : $"; the {Money(oneOff)} one-off cost is never paid back";
        return text + ".";
    }

    /// <summary>Volumes from nothing to past the break-even (or three times today's), in ten steps.</summary>
    public static (string[] Labels, List<ChartSeries<double>> Series, LineChartOptions Options) Volume(SelfHostWhatIf result)
    {
        var answer = result.Answer!;
        var monthly = (result.InputTokens + result.OutputTokens) * 30m / result.Period.DayCount;
        var top = Math.Max(monthly * 3m, (answer.BreakEvenTokensPerMonth ?? 0m) * 1.5m);
        if (top <= 0m) top = 1_000_000m;
        var steps = Enumerable.Range(0, 11).Select(i => top * i / 10m).ToList();
        var labels = steps.Select(v => Tokens(v)).ToArray();
        var series = new List<ChartSeries<double>>
        {
            new() { Name = "Vendor", Data = steps.Select(v => (double)answer.AtVolume(v).Vendor).ToArray() },
            new() { Name = "Self-hosted", Data = steps.Select(v => (double)answer.AtVolume(v).SelfHosted).ToArray() },
        };
        return (labels, series, new LineChartOptions { YAxisToStringFunc = v => Shared.MoneyText.Axis(v, result.Currency), ShowLegend = true, YAxisTitle = $"{result.Currency} a month", XAxisTitle = "Tokens a month" });
    }

    public static string Tokens(decimal tokens) => tokens switch
    {
        >= 1_000_000_000m => $"{(tokens / 1_000_000_000m).ToString("0.#", Invariant)}B",
        >= 1_000_000m => $"{(tokens / 1_000_000m).ToString("0.#", Invariant)}M",
        >= 1_000m => $"{(tokens / 1_000m).ToString("0.#", Invariant)}k",
        _ => tokens.ToString("0", Invariant),
    };
}
