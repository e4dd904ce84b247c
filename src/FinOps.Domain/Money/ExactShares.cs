namespace FinOps.Domain.Money;

/// <summary>
/// Splits an amount over weights without money rounding (SEMANTICS §6 step 1): share_i = A × w_i ÷ Σw, negative
/// weights counting as zero.
/// </summary>
/// <remarks>
/// decimal holds 28–29 significant digits, so A × w ÷ Σw is not representable exactly in general, and summing
/// 28-digit shares drifts. Shares are therefore carried on a fixed grid far finer than any minor unit (up to 24
/// decimals, never coarser than the amount's own scale) and the last grid units are placed by largest remainder,
/// which makes Σ shares = A exactly — the identity every statement is checked against.
/// </remarks>
public static class ExactShares
{
    private const int SignificantDigits = 27;
    private const int FinestScale = 24;

    /// <param name="gridScale">
    /// A fixed grid (decimal places) for every share, for callers that add many splits together (a period's statement):
    /// on one grid, sums stay exact where 28-digit decimals of mixed magnitude would round. The amount must lie on it.
    /// </param>
    /// <returns>One share per weight, in input order; <c>null</c> when every weight is zero (the caller decides: unattributed, unallocated).</returns>
    public static IReadOnlyList<decimal>? Split(decimal amount, IReadOnlyList<decimal> weights, int? gridScale = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var total = 0m;
        foreach (var weight in weights) total += Math.Max(0m, weight);
        if (total == 0m) return null;

        var scale = gridScale ?? Math.Max(amount.Scale, Math.Min(FinestScale, SignificantDigits - IntegerDigits(amount)));
        var unit = GridUnit(scale);

        var shares = new decimal[weights.Count];
        var remainders = new decimal[weights.Count];
        var placed = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            var weight = Math.Max(0m, weights[i]);
            if (weight == 0m) continue;
            // Ratio first: huge weights would overflow A × w.
            var raw = weight == total ? amount : amount * (weight / total);
            shares[i] = decimal.Floor(raw / unit) * unit;
            remainders[i] = raw - shares[i];
            placed += shares[i];
        }

        var missingUnits = (long)decimal.Round((amount - placed) / unit);
        var receivers = Enumerable.Range(0, weights.Count)
            .Where(i => weights[i] > 0m)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .ToArray();
        // Usually 0..n units; the ratio's own last-digit error can add or remove one, so walk the ring either way.
        for (var k = 0L; k < Math.Abs(missingUnits); k++)
        {
            var i = missingUnits > 0 ? receivers[k % receivers.Length] : receivers[^(int)(k % receivers.Length + 1)];
            shares[i] += missingUnits > 0 ? unit : -unit;
        }

        return shares;
    }

    private static int IntegerDigits(decimal amount)
    {
        var whole = decimal.Truncate(Math.Abs(amount));
        var digits = 1;
        while (whole >= 10m)
        {
            whole = decimal.Truncate(whole / 10m);
            digits++;
        }
        return digits;
    }

    private static decimal GridUnit(int scale) => new(1, 0, 0, false, (byte)scale);
}
