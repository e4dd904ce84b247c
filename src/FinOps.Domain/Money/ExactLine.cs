namespace FinOps.Domain.Money;

/// <summary>An unrounded amount under a unique key; the key's ordinal order breaks rounding ties (SEMANTICS §6).</summary>
public readonly record struct ExactLine(string Key, decimal Amount);

/// <summary>A line after the one rounding step: <see cref="Amount"/> is a whole number of minor units.</summary>
public readonly record struct RoundedLine(string Key, decimal ExactAmount, decimal Amount);
