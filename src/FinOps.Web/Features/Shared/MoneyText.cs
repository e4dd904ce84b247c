using System.Globalization;
using FinOps.Domain.Money;

namespace FinOps.Web.Features.Shared;

/// <summary>Money as pages print it: the currency's minor digits, grouped, with its code; chart axes in thousands when large.</summary>
public static class MoneyText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(decimal? amount, Currency currency) => amount is { } a
        ? a.ToString("N" + currency.MinorDigits.ToString(Invariant), Invariant) + " " + currency.Code
        : "—";

    public static string Format(decimal? amount, string currencyCode) => Format(amount, Currency.FromCode(currencyCode));

    /// <summary>An axis tick: "12.5k USD" from ten thousand up, "1,234.5 USD" below.</summary>
    public static string Axis(double value, string code) => Math.Abs(value) >= 10_000
        ? (value / 1000).ToString("0.#", Invariant) + "k " + code
        : value.ToString("#,0.##", Invariant) + " " + code;
}
