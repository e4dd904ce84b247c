using FinOps.Domain.Money;

namespace FinOps.Domain.Tests.Money;

public class StatementRoundingTests
{
    [Fact]
    public void A_dollar_split_three_ways_gives_the_extra_cent_to_the_first_key_on_a_tie()
    {
        var third = 1m / 3m;
        var set = StatementRounding.Round(
            [new("c", third), new("a", third), new("b", third)], Currency.USD);

        Assert.Equal(1.00m, set.Total);
        Assert.Equal(["a", "b", "c"], set.Lines.Select(l => l.Key));
        Assert.Equal([0.34m, 0.33m, 0.33m], set.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void The_largest_remainder_wins_the_spare_unit_before_key_order()
    {
        var set = StatementRounding.Round(
            [new("a", 0.101m), new("b", 0.104m), new("c", 0.105m)], Currency.USD);

        // exact total 0.31 → 31 cents; floors 10+10+10 = 30, so one cent goes to c (remainder .5) not a (.1).
        Assert.Equal(0.31m, set.Total);
        Assert.Equal(0.11m, set["c"]);
        Assert.Equal(0.10m, set["a"]);
    }

    [Fact]
    public void The_total_rounds_half_to_even()
    {
        Assert.Equal(0.12m, StatementRounding.Round([new("a", 0.125m)], Currency.USD).Total);
        Assert.Equal(0.14m, StatementRounding.Round([new("a", 0.135m)], Currency.USD).Total);
        Assert.Equal(2m, StatementRounding.Round([new("a", 1.5m), new("b", 1.0m)], Currency.JPY).Total);
        Assert.Equal(-2m, StatementRounding.Round([new("a", -2.5m)], Currency.JPY).Total);
    }

    [Fact]
    public void Credits_floor_toward_negative_infinity_and_still_sum()
    {
        var set = StatementRounding.Round(
            [new("credit", -10.005m), new("usage", 25.0049m)], Currency.USD);

        // −1000.5 and 2500.49 cents floor to −1001 and 2500; the spare cent goes to the larger remainder (.5).
        Assert.Equal(15.00m, set.Total);
        Assert.Equal(-10.00m, set["credit"]);
        Assert.Equal(25.00m, set["usage"]);
    }

    [Fact]
    public void Three_digit_and_zero_digit_currencies_round_to_their_own_minor_units()
    {
        var bhd = StatementRounding.Round([new("a", 1.23456m), new("b", 2.00049m)], Currency.BHD);
        Assert.Equal(3.235m, bhd.Total);
        Assert.Equal(3.235m, bhd.Lines.Sum(l => l.Amount));

        var jpy = StatementRounding.Round([new("a", 100.4m), new("b", 200.4m), new("c", 0.4m)], Currency.JPY);
        Assert.Equal(301m, jpy.Total);
        Assert.Equal([101m, 200m, 0m], jpy.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void An_empty_statement_totals_zero()
    {
        var set = StatementRounding.Round([], Currency.USD);
        Assert.Equal(0m, set.Total);
        Assert.Empty(set.Lines);
    }

    [Fact]
    public void A_repeated_key_is_refused_rather_than_silently_merged()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            StatementRounding.Round([new("a", 1m), new("a", 2m)], Currency.USD));
        Assert.Contains("'a'", error.Message);
    }
}
