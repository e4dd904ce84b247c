using System.Globalization;

namespace FinOps.Domain.Budgets;

/// <summary>Budget thresholds in percent of the amount, written <c>50;75;90;100</c>: 1 to 1000, each once, ascending when stored.</summary>
public static class BudgetThresholds
{
    public static IReadOnlyList<decimal> Default { get; } = [50m, 75m, 90m, 100m];

    public const decimal Lowest = 1m;
    public const decimal Highest = 1000m;

    /// <summary>The thresholds of a cell, or why they cannot be: empty = the default.</summary>
    public static (IReadOnlyList<decimal>? Thresholds, string? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (Default, null);
        var values = new SortedSet<decimal>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return (null, $"'{part}' is not a threshold; write percents separated by ';' like 50;75;90;100");
            if (value is < Lowest or > Highest)
                return (null, $"a threshold is {Lowest} to {Highest} percent, not {part}");
            if (!values.Add(value)) return (null, $"threshold {part} appears twice");
        }
        return (values.ToList(), null);
    }

    public static string Format(IEnumerable<decimal> thresholds) =>
        string.Join(';', thresholds.Select(t => t.ToString("0.####", CultureInfo.InvariantCulture)));
}
