using CsCheck;
using FinOps.Domain.Money;

namespace FinOps.Domain.Tests.Money;

/// <summary>Generators for exact vendor-style amounts: many decimals, negatives, zeros, 0/2/3-digit currencies.</summary>
internal static class Generators
{
    public static readonly Gen<Currency> Currency = Gen.OneOf(
        Domain.Money.Currency.USD, Domain.Money.Currency.JPY, Domain.Money.Currency.BHD, Domain.Money.Currency.EUR);

    /// <summary>An exact amount of up to ±10^9 with 0–12 decimals, a third of them zero or negative.</summary>
    public static readonly Gen<decimal> Amount =
        Gen.Frequency(
            (1, Gen.Const(0m)),
            (8, Gen.Select(Gen.Long[-1_000_000_000_000_000L, 1_000_000_000_000_000L], Gen.Int[0, 12], Exact)),
            (2, Gen.Select(Gen.Long[-99L, 99L], Gen.Int[0, 4], Exact)));

    /// <summary>Weights as drivers produce them: zeros, negatives (count as zero), fractions and huge ratios.</summary>
    public static readonly Gen<decimal> Weight =
        Gen.Frequency(
            (2, Gen.Const(0m)),
            (1, Gen.Select(Gen.Long[-1_000_000L, -1L], Gen.Int[0, 3], Exact)),
            (6, Gen.Select(Gen.Long[1L, 1_000_000_000L], Gen.Int[0, 9], Exact)),
            (1, Gen.Select(Gen.Long[1L, 1_000L], Gen.Int[0, 20], (m, e) => m * Pow10(e))),
            (1, Gen.Select(Gen.Long[1L, 1_000L], Gen.Int[10, 20], (m, s) => Exact(m, s))));

    public static readonly Gen<ExactLine[]> Lines =
        Gen.Select(Amount.Array[0, 40], Gen.Int[0, 1_000_000], (amounts, salt) =>
            amounts.Select((a, i) => new ExactLine(KeyFor(i, salt), a)).ToArray());

    private static string KeyFor(int index, int salt) =>
        $"direct|tenant-{(index * 7919 + salt) % 97:D2}|feature-{index:D3}|openai|gpt-4o|";

    private static decimal Exact(long mantissa, int scale) =>
        new((int)(ulong)Math.Abs(mantissa), (int)((ulong)Math.Abs(mantissa) >> 32), 0, mantissa < 0, (byte)scale);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10m;
        return result;
    }
}
