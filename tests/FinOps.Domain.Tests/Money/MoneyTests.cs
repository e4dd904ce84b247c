using FinOps.Domain.Money;

namespace FinOps.Domain.Tests.Money;

public class MoneyTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("jpy", 0)]
    [InlineData("BHD", 3)]
    [InlineData("KWD", 3)]
    [InlineData("EUR", 2)]
    [InlineData("CLF", 4)]
    public void Currencies_know_their_minor_digits(string code, int digits) =>
        Assert.Equal(digits, Currency.FromCode(code).MinorDigits);

    [Theory]
    [InlineData("XXX")]
    [InlineData("")]
    [InlineData("US")]
    public void Unknown_currency_codes_are_refused(string code) =>
        Assert.False(Currency.TryFromCode(code, out _));

    [Fact]
    public void Amounts_keep_full_precision_through_arithmetic()
    {
        var sum = new Domain.Money.Money(0.00000000001m, Currency.USD) + new Domain.Money.Money(1.1m, Currency.USD);
        Assert.Equal(1.10000000001m, sum.Amount);
        Assert.False(sum.IsWholeMinorUnits);
    }

    [Fact]
    public void Different_currencies_never_combine()
    {
        Assert.Throws<CurrencyMismatchException>(() =>
            new Domain.Money.Money(1m, Currency.USD) + new Domain.Money.Money(1m, Currency.EUR));
    }

    [Fact]
    public void Rounded_amounts_print_with_the_currency_digits_and_a_point()
    {
        Assert.Equal("1234.50", new Domain.Money.Money(1234.5m, Currency.USD).ToInvariantString());
        Assert.Equal("-7", new Domain.Money.Money(-7m, Currency.JPY).ToInvariantString());
        Assert.Equal("0.120", new Domain.Money.Money(0.12m, Currency.BHD).ToInvariantString());
    }

    [Fact]
    public void Unrounded_amounts_refuse_to_print_as_money()
    {
        Assert.Throws<InvalidOperationException>(() => new Domain.Money.Money(0.125m, Currency.USD).ToInvariantString());
    }
}
