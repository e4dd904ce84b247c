using System.Globalization;

namespace FinOps.Domain.Reconciliation;

/// <summary>A cause of a window's difference the data supports, in words, with the numbers behind it.</summary>
public sealed record DeltaCause(string Code, string Explanation);

/// <summary>
/// The causes of a non-matched window that can be tested from the data (issue: explained deltas). Each test states
/// its numbers; a window may have several causes, or none the data can show.
/// </summary>
public static class DeltaCauses
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="shiftedLogged">The window's logged side had the provider's days started N hours later; for the skew test.</param>
    /// <param name="lastBilled">The end of the provider's latest billed charge period, for the logs-still-arriving test.</param>
    /// <param name="unmappedInWindow">Tokens the provider billed in this window under names no alias maps.</param>
    public static IReadOnlyList<DeltaCause> Explain(
        ReconciledWindow window, ReconciliationTolerances tolerances, Func<int, LoggedSide>? shiftedLogged, DateTimeOffset? lastBilled,
        decimal unmappedInWindow)
    {
        var causes = new List<DeltaCause>();
        var (billed, logged) = (window.Billed, window.Logged);
        if (window.Status == ReconciliationStatus.Matched) return causes;

        if (window.ModelId is null)
            causes.Add(new("unmapped-model",
                $"bill lines name {string.Join(", ", billed.UnmappedNames.Order().Select(n => $"'{n}'"))}, which no alias maps to a model: {Tokens(billed.Tokens)} tokens costing {Money(billed.Cost)} cannot meet their logs until an alias is added"));
        else if (window.Status == ReconciliationStatus.Unbilled && unmappedInWindow > 0)
            causes.Add(new("unmapped-model", $"the provider billed {Tokens(unmappedInWindow)} tokens in this window under names no alias maps — likely this model's"));

        if (logged.UnpricedTokens > 0)
            causes.Add(new("missing-price-card", $"{Tokens(logged.UnpricedTokens)} logged tokens have no price card in force: their expected cost is unknown"));

        if (window.Status == ReconciliationStatus.Unbilled && lastBilled is { } end && window.Window.Start >= end)
            causes.Add(new("logs-still-arriving", $"the provider's bills end at {end.UtcDateTime:yyyy-MM-dd HH:mm} UTC; usage after that is not billed yet"));

        if (window.Status != ReconciliationStatus.Mismatch) return causes;

        var comparisons = ReconciliationRule.Compare(billed, logged);
        var tokensMatch = comparisons.All(c => !tolerances.TokensDiffer(c.Logged, c.Billed));
        foreach (var c in comparisons.Where(c => tolerances.TokensDiffer(c.Logged, c.Billed)))
            causes.Add(c.Billed > c.Logged
                ? new("unlogged-requests", $"billed {Tokens(c.Billed)} {c.Direction} tokens but logged {Tokens(c.Logged)}: {Tokens(c.Billed - c.Logged)} ({Percent(c.Billed - c.Logged, c.Billed)}) never reached the logs")
                : new("unbilled-requests", $"logged {Tokens(c.Logged)} {c.Direction} tokens but billed {Tokens(c.Billed)}: {Tokens(c.Logged - c.Billed)} ({Percent(c.Logged - c.Billed, c.Logged)}) are not on the bill"));

        if (tokensMatch && logged.FullyPriced && tolerances.CostsDiffer(logged.ExpectedCost, billed.Cost))
        {
            // A specific rate mistake is named only when it explains the bill far better than the card does.
            bool Explains(decimal alternative) => !tolerances.CostsDiffer(alternative, billed.Cost)
                                                  && Math.Abs(alternative - billed.Cost) * 10 < Math.Abs(logged.ExpectedCost - billed.Cost);
            if (logged.CachedInput > 0 && Explains(logged.CostWithCachedAtInputPrice))
                causes.Add(new("cached-at-input-rate", $"billed {Money(billed.Cost)} equals the cost with cached tokens at the full input price ({Money(logged.CostWithCachedAtInputPrice)}); the card's cached price gives {Money(logged.ExpectedCost)}"));
            if (logged.BatchShareOfCost > 0 && Explains(logged.CostWithoutBatchDiscount))
                causes.Add(new("batch-discount", $"billed {Money(billed.Cost)} equals the cost without the batch discount ({Money(logged.CostWithoutBatchDiscount)}); with it the card gives {Money(logged.ExpectedCost)}"));
            if (logged.ExpectedCost != 0)
                causes.Add(new("price-difference", $"tokens match, but billed {Money(billed.Cost)} is {(billed.Cost / logged.ExpectedCost).ToString("0.00", Invariant)}× the {Money(logged.ExpectedCost)} the price card gives: a changed price or a wrong card"));
        }

        if (!tokensMatch && shiftedLogged is not null)
        {
            foreach (var hours in Enumerable.Range(1, 12).SelectMany(h => new[] { h, -h }))
            {
                var shifted = shiftedLogged(hours);
                if (ReconciliationRule.Compare(billed, shifted).All(c => !tolerances.TokensDiffer(c.Logged, c.Billed)))
                {
                    causes.Add(new("day-boundary-skew", $"with the provider's days starting {hours:+0;-0} h from the window's ({window.Window.Start.AddHours(hours).UtcDateTime:HH:mm} UTC) the tokens match: set its billing-day offset to {hours:+0;-0} hours"));
                    break;
                }
            }
        }
        return causes;
    }

    private static string Tokens(decimal tokens) => Math.Round(tokens).ToString("N0", Invariant);
    private static string Money(decimal amount) => amount.ToString("0.00####", Invariant);
    private static string Percent(decimal part, decimal whole) => whole == 0 ? "n/a" : (part / whole).ToString("0.0%", Invariant);
}
