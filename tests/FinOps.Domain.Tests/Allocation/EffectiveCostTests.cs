using FinOps.Domain.Allocation;

namespace FinOps.Domain.Tests.Allocation;

public class EffectiveCostTests
{
    [Theory]
    [InlineData("40.15", 1_000_000L, "40.15")]
    [InlineData("37.9", 1_000_000L, "37.90")]
    [InlineData("1", 3L, "333333.33")]
    [InlineData("-5", 2_000_000L, "-2.50")]
    public void Cost_per_million_tokens_divides_the_total_by_every_token_and_shows_two_decimals(string total, long tokens, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            EffectiveCost.PerMillionTokens(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture), tokens));
    }

    [Fact]
    public void No_tokens_means_no_figure_rather_than_a_division_by_zero() => Assert.Null(EffectiveCost.PerMillionTokens(12.34m, 0));
}
