namespace FinOps.Domain.Money;

/// <summary>
/// The one rounding step of SEMANTICS §6. Exact line amounts go in; the total is rounded half-to-even to the
/// currency's minor unit; each line is floored (toward −∞, so credits work too) and the units still missing go one
/// each to the lines with the largest remainders, ties by ascending ordinal key. Lines therefore sum exactly to the
/// total, each is less than one minor unit from its exact amount, and input order does not matter.
/// </summary>
public static class StatementRounding
{
    public static RoundedSet Round(IEnumerable<ExactLine> lines, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(currency);

        var ordered = lines.OrderBy(l => l.Key, StringComparer.Ordinal).ToArray();
        EnsureUniqueKeys(ordered);

        var scale = currency.MinorUnitsPerMajor;
        var exactTotal = 0m;
        var exactMinorTotal = 0m;
        var floors = new decimal[ordered.Length];
        var remainders = new decimal[ordered.Length];
        var flooredSum = 0m;
        for (var i = 0; i < ordered.Length; i++)
        {
            var minor = ordered[i].Amount * scale;
            exactTotal += ordered[i].Amount;
            exactMinorTotal += minor;
            floors[i] = decimal.Floor(minor);
            remainders[i] = minor - floors[i];
            flooredSum += floors[i];
        }

        var totalMinor = decimal.Round(exactMinorTotal, 0, MidpointRounding.ToEven);
        var unitsToHandOut = (long)(totalMinor - flooredSum);

        // Σ remainders < number of lines with a remainder, so every unit lands on a distinct line that has one.
        var receivers = Enumerable.Range(0, ordered.Length)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => ordered[i].Key, StringComparer.Ordinal)
            .Take((int)unitsToHandOut);
        foreach (var i in receivers) floors[i] += 1m;

        var rounded = new RoundedLine[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
            rounded[i] = new RoundedLine(ordered[i].Key, ordered[i].Amount, floors[i] / scale);

        return new RoundedSet(currency, exactTotal, totalMinor / scale, rounded);
    }

    private static void EnsureUniqueKeys(ExactLine[] ordered)
    {
        for (var i = 1; i < ordered.Length; i++)
            if (string.Equals(ordered[i].Key, ordered[i - 1].Key, StringComparison.Ordinal))
                throw new ArgumentException($"Line key '{ordered[i].Key}' appears more than once; merge its amounts before rounding.");
    }
}
