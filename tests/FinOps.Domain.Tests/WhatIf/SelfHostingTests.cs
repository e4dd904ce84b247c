using FinOps.Domain.WhatIf;

namespace FinOps.Domain.Tests.WhatIf;

/// <summary>
/// Build versus buy on a month computed by hand: 36,000,000 input and 3,600,000 output tokens over 30 days, for which the
/// vendor charged 150.00; the busiest hour carried 720,000 input and 72,000 output. A GPU at 2.50 an hour serves 10,000
/// input or 1,000 output tokens a second; we aim at 50 % utilisation and pay 100.00 a month of fixed costs.
/// </summary>
public class SelfHostingTests
{
    private static readonly SelfHostAssumptions Gpu = new(2.50m, 10_000m, 1_000m, 0.5m, 100.00m);

    [Fact]
    public void The_self_hosted_cost_gpus_at_peak_cost_per_million_and_break_even_follow_the_formulas_shown()
    {
        var answer = SelfHosting.Answer(36_000_000, 3_600_000, 720_000, 72_000, 30, 150.00m, Gpu);

        // 3,600 + 3,600 GPU-seconds = 2 GPU-hours of work, 4 paid at 50 %: 10.00, plus 100.00 fixed.
        Assert.Equal(4m, answer.GpuHours);
        Assert.Equal(110.00m, answer.Cost);
        // The peak hour needs 72 + 72 = 144 GPU-seconds: 0.08 of a GPU at 50 %, so one GPU.
        Assert.Equal(1, answer.GpusAtPeak);
        // One GPU kept on for 30 days is 720 GPU-hours for 2 of work: 0.2777… % measured; 720 × 2.50 + 100 = 1,900.00, 47.98 per 1M tokens.
        Assert.Equal(2m / 720m, answer.MeasuredUtilisation);
        Assert.Equal(1_900.00m, answer.ProvisionedCost);
        Assert.Equal(1_900.00m / 39_600_000m * 1_000_000m, answer.EffectivePerMTok);
        Assert.Equal("measured utilisation = 2.0000 GPU-h of work ÷ (1 GPUs × 30 days × 24 h) = 0.28 %", answer.Formulas[4]);
        // The volume chart: at twice the volume the vendor charges 300.00, the GPUs 20.00 + 100.00 fixed.
        Assert.Equal((300.00m, 120.00m), answer.AtVolume(79_200_000m));
        // 100 ÷ ((150 − 10) ÷ 39,600,000) = 28,285,714.28… tokens a month.
        Assert.Equal(100.00m / (140.00m / 39_600_000m), answer.BreakEvenTokensPerMonth);
        Assert.Equal("cost = 4.0000 GPU-h × 2.50 + 100.00 fixed × 1 months = 110.00", answer.Formulas[2]);
        Assert.StartsWith("break-even = 100.00 fixed ÷ ((150.00 vendor − 10.00 GPUs) ÷ 39,600,000 tokens) = 28,285,714", answer.Formulas[^1]);
    }

    [Fact]
    public void Gpus_dearer_per_token_than_the_vendor_never_break_even_and_bad_assumptions_are_refused()
    {
        var answer = SelfHosting.Answer(36_000_000, 3_600_000, 720_000, 72_000, 30, 8.00m, Gpu);

        Assert.Null(answer.BreakEvenTokensPerMonth);
        Assert.Equal("no break-even: the GPUs cost 10.00 for what the vendor charged 8.00", answer.Formulas[^1]);
        Assert.Equal(["the output throughput must be above 0 tokens per second per GPU", "the utilisation 1.5 is outside (0, 1]"],
            (Gpu with { OutputTokensPerSecond = 0m, Utilisation = 1.5m }).Problems());
        Assert.Throws<ArgumentException>(() => SelfHosting.Answer(1, 1, 1, 1, 30, 1m, Gpu with { Utilisation = 0m }));
    }
}
