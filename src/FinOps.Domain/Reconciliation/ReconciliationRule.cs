namespace FinOps.Domain.Reconciliation;

public enum ReconciliationStatus { Unlogged, Unbilled, Mismatch, Matched }

/// <summary>When a difference counts (SEMANTICS §3 defaults: 1 % or 1,000 tokens; 1 % or 0.01 of cost), configurable.</summary>
public sealed record ReconciliationTolerances(decimal TokenShare = 0.01m, decimal TokenFloor = 1000m, decimal CostShare = 0.01m, decimal CostFloor = 0.01m)
{
    public static ReconciliationTolerances Default { get; } = new();

    public bool TokensDiffer(decimal logged, decimal billed) => Math.Abs(logged - billed) > Math.Max(TokenShare * Math.Abs(billed), TokenFloor);

    public bool CostsDiffer(decimal expected, decimal billed) => Math.Abs(expected - billed) > Math.Max(CostShare * Math.Abs(billed), CostFloor);
}

/// <summary>One direction a bill states, with the logged tokens it is compared against.</summary>
public sealed record DirectionComparison(string Direction, decimal Billed, decimal Logged)
{
    public decimal Delta => Logged - Billed;
}

/// <summary>SEMANTICS §3's status, first that applies: unlogged, unbilled, mismatch, matched.</summary>
public static class ReconciliationRule
{
    /// <summary>
    /// The directions the bill states, each against its logged counterpart: input is uncached input when the bill
    /// also states cached input, otherwise all input; a mixed line is compared against all logged tokens.
    /// </summary>
    public static IReadOnlyList<DirectionComparison> Compare(BilledSide billed, LoggedSide logged)
    {
        var comparisons = new List<DirectionComparison>();
        if (billed.StatesInput)
            comparisons.Add(new("input", billed.Input, billed.StatesCached ? logged.UncachedInput : logged.UncachedInput + logged.CachedInput));
        if (billed.StatesCached) comparisons.Add(new("cached_input", billed.CachedInput, logged.CachedInput));
        if (billed.StatesOutput) comparisons.Add(new("output", billed.Output, logged.Output));
        if (billed.StatesMixed) comparisons.Add(new("mixed", billed.Mixed, logged.Tokens));
        return comparisons;
    }

    public static ReconciliationStatus StatusOf(BilledSide billed, LoggedSide logged, ReconciliationTolerances tolerances)
    {
        if (billed.Any && !logged.Any) return ReconciliationStatus.Unlogged;
        if (logged.Any && !billed.Any) return ReconciliationStatus.Unbilled;
        if (!billed.Any) return ReconciliationStatus.Matched;
        if (Compare(billed, logged).Any(c => tolerances.TokensDiffer(c.Logged, c.Billed))) return ReconciliationStatus.Mismatch;
        // Unpriced usage has no expected cost to compare: the missing card is reported as the cause instead.
        return logged.FullyPriced && tolerances.CostsDiffer(logged.ExpectedCost, billed.Cost) ? ReconciliationStatus.Mismatch : ReconciliationStatus.Matched;
    }
}
