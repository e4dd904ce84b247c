using System.Globalization;
using FinOps.Domain.Money;

namespace FinOps.Domain.Invoicing;

/// <summary>How a document prints amounts: <c>1234.56</c> or <c>1,234.56</c>, always with the currency's minor digits and '.'.</summary>
public enum AmountStyle { Plain, Grouped }

public static class AmountFormat
{
    public static AmountStyle Parse(string? text) => text?.Trim() switch
    {
        null or "" or "1234.56" or "plain" => AmountStyle.Plain,
        "1,234.56" or "grouped" => AmountStyle.Grouped,
        var other => throw new FormatException($"amount format '{other}' is not one of 1234.56, 1,234.56"),
    };

    public static string Name(this AmountStyle style) => style == AmountStyle.Grouped ? "1,234.56" : "1234.56";

    public static string Format(decimal amount, Currency currency, AmountStyle style) =>
        amount.ToString((style == AmountStyle.Grouped ? "N" : "F") + currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string WithCode(decimal amount, Currency currency, AmountStyle style) => $"{Format(amount, currency, style)} {currency.Code}";
}
