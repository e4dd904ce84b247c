using System.Collections.Frozen;

namespace FinOps.Domain.Money;

/// <summary>An ISO 4217 currency and the number of minor-unit digits that statements round to.</summary>
public sealed record Currency
{
    // ISO 4217 active codes. Most have 2 minor digits; the exceptions are listed below.
    private const string IsoCodes =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP " +
        "GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD " +
        "KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK " +
        "NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD " +
        "SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU UYW UZS VES VND VUV WST " +
        "XAF XCD XOF XPF YER ZAR ZMW ZWG";

    private static readonly FrozenDictionary<string, int> NonStandardMinorDigits = new Dictionary<string, int>
    {
        ["BIF"] = 0, ["CLP"] = 0, ["DJF"] = 0, ["GNF"] = 0, ["ISK"] = 0, ["JPY"] = 0, ["KMF"] = 0, ["KRW"] = 0,
        ["PYG"] = 0, ["RWF"] = 0, ["UGX"] = 0, ["UYI"] = 0, ["VND"] = 0, ["VUV"] = 0, ["XAF"] = 0, ["XOF"] = 0,
        ["XPF"] = 0,
        ["BHD"] = 3, ["IQD"] = 3, ["JOD"] = 3, ["KWD"] = 3, ["LYD"] = 3, ["OMR"] = 3, ["TND"] = 3,
        ["CLF"] = 4, ["UYW"] = 4,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, Currency> Known = IsoCodes
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .ToFrozenDictionary(code => code, code => new Currency(code, NonStandardMinorDigits.GetValueOrDefault(code, 2)));

    public static Currency USD { get; } = Known["USD"];
    public static Currency EUR { get; } = Known["EUR"];
    public static Currency JPY { get; } = Known["JPY"];
    public static Currency BHD { get; } = Known["BHD"];

    public string Code { get; }

    /// <summary>Digits after the decimal point of the smallest unit a statement line can carry (USD 2, JPY 0, BHD 3).</summary>
    public int MinorDigits { get; }

    /// <summary>How many minor units make one major unit (10^MinorDigits).</summary>
    public decimal MinorUnitsPerMajor { get; }

    private Currency(string code, int minorDigits)
    {
        Code = code;
        MinorDigits = minorDigits;
        MinorUnitsPerMajor = Pow10(minorDigits);
    }

    public static IEnumerable<Currency> All => Known.Values.OrderBy(c => c.Code, StringComparer.Ordinal);

    public static Currency FromCode(string code) =>
        TryFromCode(code, out var currency)
            ? currency
            : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    public static bool TryFromCode(string? code, out Currency currency)
    {
        currency = null!;
        if (string.IsNullOrWhiteSpace(code)) return false;
        if (!Known.TryGetValue(code.Trim().ToUpperInvariant(), out var found)) return false;
        currency = found;
        return true;
    }

    public override string ToString() => Code;

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++) result *= 10m;
        return result;
    }
}
