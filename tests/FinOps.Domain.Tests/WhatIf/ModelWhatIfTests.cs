using FinOps.Domain.WhatIf;

namespace FinOps.Domain.Tests.WhatIf;

/// <summary>
/// The model what-if on a mix computed by hand: 10,000,000 uncached input, 4,000,000 cached input, 2,000,000 output,
/// and a batch tier of 1,000,000 uncached input and 500,000 output.
/// </summary>
public class ModelWhatIfTests
{
    private static readonly TokenMix Mix = new(10_000_000, 4_000_000, 2_000_000, BatchUncachedInput: 1_000_000, BatchOutput: 500_000);

    [Fact]
    public void The_same_mix_on_a_full_card_keeps_the_cached_share_and_the_batch_discount()
    {
        // gpt-4o-mini 0.15 / 0.075 cached / 0.60, batch −50 %:
        // 10 × 0.15 + 4 × 0.075 + 2 × 0.60 = 1.50 + 0.30 + 1.20 = 3.00; batch (1 × 0.15 + 0.5 × 0.60) × 0.5 = 0.225.
        var cost = ModelWhatIf.Reprice(Mix, new WhatIfCard("openai", "gpt-4o-mini", 0.15m, 0.075m, 0.60m, 50m));

        Assert.Equal(3.225m, cost.Cost);
        Assert.Empty(cost.Notes);
    }

    [Fact]
    public void A_card_without_a_cached_price_or_a_batch_discount_says_so_and_prices_them_plainly()
    {
        // A typed-in card 1.00 / — / 4.00: 10 × 1 + 4 × 1 + 2 × 4 = 22.00; batch 1 × 1 + 0.5 × 4 = 3.00 undiscounted.
        var cost = ModelWhatIf.Reprice(Mix, new WhatIfCard("self", "llama-70b", 1.00m, null, 4.00m));

        Assert.Equal(25.00m, cost.Cost);
        Assert.Equal(["llama-70b has no cached-input price: its 4,000,000 cached tokens are priced as input",
            "llama-70b has no batch discount: its 1,500,000 batch tokens are priced at the standard price"], cost.Notes);
    }

    [Fact]
    public void The_difference_is_stated_per_month_and_a_one_off_cost_is_paid_back_in_months()
    {
        // 14 days at 40.00 now vs 12.00: −28.00 over 14 days = −60.00 a month; a 150.00 migration pays back in 2.5 months.
        var perMonth = ModelWhatIf.PerMonth(40.00m, 12.00m, 14);

        Assert.Equal(-60.00m, perMonth);
        Assert.Equal(2.5m, ModelWhatIf.BreakEvenMonths(-perMonth, 150.00m));
        Assert.Null(ModelWhatIf.BreakEvenMonths(0m, 150.00m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelWhatIf.PerMonth(1m, 2m, 0));
    }
}
