namespace FinOps.Domain.Money;

/// <summary>
/// The result of the one rounding step: lines in ascending key order whose amounts sum exactly to <see cref="Total"/>.
/// It can only be made by <see cref="StatementRounding"/>, so a set that does not add up cannot exist.
/// </summary>
public sealed class RoundedSet
{
    internal RoundedSet(Currency currency, decimal exactTotal, decimal total, IReadOnlyList<RoundedLine> lines)
    {
        Currency = currency;
        ExactTotal = exactTotal;
        Total = total;
        Lines = lines;
    }

    public Currency Currency { get; }

    /// <summary>Σ of the exact line amounts, before rounding.</summary>
    public decimal ExactTotal { get; }

    /// <summary>The exact total rounded half-to-even to the currency's minor unit; equals Σ <see cref="Lines"/>.</summary>
    public decimal Total { get; }

    public IReadOnlyList<RoundedLine> Lines { get; }

    public decimal this[string key] =>
        Lines.FirstOrDefault(l => string.Equals(l.Key, key, StringComparison.Ordinal)) is { Key: not null } line
            ? line.Amount
            : throw new KeyNotFoundException($"No line with key '{key}'.");
}
