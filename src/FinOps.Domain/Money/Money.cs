using System.Globalization;

namespace FinOps.Domain.Money;

/// <summary>
/// An exact amount in one currency. Amounts keep their full precision (vendor rows carry fractions of a cent);
/// they are rounded only by <see cref="StatementRounding"/>, once per period and currency (SEMANTICS §6).
/// </summary>
public readonly record struct Money(decimal Amount, Currency Currency)
{
    public static Money Zero(Currency currency) => new(0m, currency);

    public bool IsZero => Amount == 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator -(Money money) => money with { Amount = -money.Amount };

    public static Money operator *(Money money, decimal factor) => money with { Amount = money.Amount * factor };

    public static Money Sum(IEnumerable<Money> amounts, Currency currency)
    {
        var total = 0m;
        foreach (var amount in amounts) total += amount.In(currency).Amount;
        return new Money(total, currency);
    }

    /// <summary>Whether the amount is already a whole number of minor units (what a statement line must be).</summary>
    public bool IsWholeMinorUnits => decimal.Truncate(Amount * Currency.MinorUnitsPerMajor) == Amount * Currency.MinorUnitsPerMajor;

    /// <summary>Formats with exactly the currency's minor digits and '.' as the decimal point; only for rounded amounts.</summary>
    public string ToInvariantString()
    {
        if (!IsWholeMinorUnits)
            throw new InvalidOperationException(
                $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency.Code} is not rounded to minor units; round it with StatementRounding first.");
        return Amount.ToString("F" + Currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public override string ToString() => $"{Amount.ToString(CultureInfo.InvariantCulture)} {Currency.Code}";

    private Money In(Currency currency) =>
        Currency == currency
            ? this
            : throw new CurrencyMismatchException(Currency, currency);

    private static Currency SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency ? left.Currency : throw new CurrencyMismatchException(left.Currency, right.Currency);
}

public sealed class CurrencyMismatchException(Currency left, Currency right)
    : InvalidOperationException($"Cannot combine {left.Code} with {right.Code}: FX conversion is not supported.");
