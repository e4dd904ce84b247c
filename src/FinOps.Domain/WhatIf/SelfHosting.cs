using System.Globalization;

namespace FinOps.Domain.WhatIf;

/// <summary>What running a mix on our own GPUs would take: the GPU's price, its sustained throughput, the utilisation aimed at, fixed monthly costs.</summary>
public sealed record SelfHostAssumptions(decimal GpuHourPrice, decimal InputTokensPerSecond, decimal OutputTokensPerSecond, decimal Utilisation, decimal FixedMonthly = 0m)
{
    /// <summary>Why these assumptions cannot be computed with (zero throughput, utilisation outside (0, 1], a negative price); empty when they can.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (GpuHourPrice < 0m) problems.Add("the GPU price per hour is negative");
        if (InputTokensPerSecond <= 0m) problems.Add("the input throughput must be above 0 tokens per second per GPU");
        if (OutputTokensPerSecond <= 0m) problems.Add("the output throughput must be above 0 tokens per second per GPU");
        if (Utilisation is <= 0m or > 1m) problems.Add($"the utilisation {Utilisation.ToString(CultureInfo.InvariantCulture)} is outside (0, 1]");
        if (FixedMonthly < 0m) problems.Add("the fixed monthly cost is negative");
        return problems;
    }
}

/// <summary>
/// The build-versus-buy answer for one mix over a range of days: GPU-hours paid at the utilisation aimed at, the
/// self-hosted cost, GPUs needed at the peak hour; the utilisation those GPUs would really see kept on for the whole
/// range (<see cref="MeasuredUtilisation"/>) and the effective cost per 1M tokens at it; and the monthly volume from
/// which self-hosting is cheaper than the vendor (null: never, the GPUs cost more per token than the vendor).
/// <see cref="Formulas"/> shows every step with its numbers.
/// </summary>
public sealed record SelfHostAnswer(decimal GpuHours, decimal Cost, int GpusAtPeak, decimal? EffectivePerMTok, decimal? BreakEvenTokensPerMonth, IReadOnlyList<string> Formulas)
{
    /// <summary>Work ÷ the GPU time of the peak's GPUs kept on all range; null with no usage.</summary>
    public decimal? MeasuredUtilisation { get; init; }

    /// <summary>The peak's GPUs kept on for the whole range, plus the fixed costs: what sizing for the peak really costs.</summary>
    public decimal ProvisionedCost { get; init; }

    /// <summary>For the volume chart: the range's tokens, what the vendor charged for them, the GPUs' variable cost of them, the fixed costs a month.</summary>
    public long Tokens { get; init; }
    public decimal VendorCost { get; init; }
    public decimal GpuCost { get; init; }
    public decimal FixedMonthly { get; init; }

    /// <summary>Both monthly costs at <paramref name="tokensPerMonth"/> of the same mix: the vendor's, and self-hosted at the utilisation aimed at.</summary>
    public (decimal Vendor, decimal SelfHosted) AtVolume(decimal tokensPerMonth) =>
        Tokens == 0 ? (0m, FixedMonthly) : (tokensPerMonth * VendorCost / Tokens, FixedMonthly + tokensPerMonth * GpuCost / Tokens);
}

public static class SelfHosting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="input">Input tokens of the range (cached included: a GPU prefills them too).</param>
    /// <param name="peakInput">Input tokens of the range's busiest hour; <paramref name="peakOutput"/> its output.</param>
    /// <param name="currentCost">What the vendor charged for the range.</param>
    public static SelfHostAnswer Answer(long input, long output, long peakInput, long peakOutput, int days, decimal currentCost, SelfHostAssumptions a)
    {
        if (a.Problems() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(a));
        if (days <= 0) throw new ArgumentOutOfRangeException(nameof(days), days, "a range has at least one day");
        var months = days / 30m;
        var gpuSeconds = input / a.InputTokensPerSecond + output / a.OutputTokensPerSecond;
        var gpuHours = gpuSeconds / 3600m / a.Utilisation;
        var fixedCost = a.FixedMonthly * months;
        var cost = gpuHours * a.GpuHourPrice + fixedCost;
        var peakSeconds = peakInput / a.InputTokensPerSecond + peakOutput / a.OutputTokensPerSecond;
        var gpus = (int)Math.Ceiling(peakSeconds / 3600m / a.Utilisation);
        var tokens = input + output;
        // Sized for the peak and kept on: the utilisation the GPUs would really see, and the cost per 1M tokens at it.
        var provisionedHours = gpus * days * 24m;
        decimal? measured = provisionedHours == 0m ? null : gpuSeconds / 3600m / provisionedHours;
        var provisionedCost = provisionedHours * a.GpuHourPrice + fixedCost;
        decimal? perMTok = tokens == 0 ? null : provisionedCost / tokens * 1_000_000m;
        // Per token: the vendor's average price against the GPUs' variable cost; the fixed costs are what the difference must pay.
        var variable = gpuHours * a.GpuHourPrice;
        decimal? breakEven = tokens == 0 || currentCost <= variable ? null : a.FixedMonthly / ((currentCost - variable) / tokens);
        string N(decimal value, string format = "N2") => value.ToString(format, Invariant);
        var formulas = new List<string>
        {
            $"GPU-seconds = {input:N0} input ÷ {N(a.InputTokensPerSecond, "N0")}/s + {output:N0} output ÷ {N(a.OutputTokensPerSecond, "N0")}/s = {N(gpuSeconds)}",
            $"GPU-hours paid = {N(gpuSeconds)} ÷ 3,600 ÷ {N(a.Utilisation, "0.##")} utilisation = {N(gpuHours, "N4")}",
            $"cost = {N(gpuHours, "N4")} GPU-h × {N(a.GpuHourPrice)} + {N(a.FixedMonthly)} fixed × {N(months, "0.####")} months = {N(cost)}",
            $"GPUs at the peak hour = ⌈({peakInput:N0} ÷ {N(a.InputTokensPerSecond, "N0")} + {peakOutput:N0} ÷ {N(a.OutputTokensPerSecond, "N0")}) s ÷ 3,600 ÷ {N(a.Utilisation, "0.##")}⌉ = {gpus}",
        };
        if (measured is { } m)
            formulas.Add($"measured utilisation = {N(gpuSeconds / 3600m, "N4")} GPU-h of work ÷ ({gpus} GPUs × {days} days × 24 h) = {N(m * 100m, "0.##")} %");
        if (perMTok is { } p)
            formulas.Add($"per 1M tokens at it = ({gpus} × {days * 24:N0} h × {N(a.GpuHourPrice)} + {N(fixedCost)} fixed) ÷ {tokens:N0} × 1,000,000 = {N(p, "N4")}");
        formulas.Add(breakEven is { } v
            ? $"break-even = {N(a.FixedMonthly)} fixed ÷ (({N(currentCost)} vendor − {N(variable)} GPUs) ÷ {tokens:N0} tokens) = {N(v, "N0")} tokens a month"
            : $"no break-even: the GPUs cost {N(variable)} for what the vendor charged {N(currentCost)}");
        return new SelfHostAnswer(gpuHours, cost, gpus, perMTok, breakEven, formulas)
        {
            MeasuredUtilisation = measured, ProvisionedCost = provisionedCost, FixedMonthly = a.FixedMonthly,
            Tokens = tokens, VendorCost = currentCost, GpuCost = variable,
        };
    }
}
