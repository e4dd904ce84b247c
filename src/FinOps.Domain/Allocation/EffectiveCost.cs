namespace FinOps.Domain.Allocation;

/// <summary>
/// Effective cost per 1M tokens of a statement (SEMANTICS §7): its total ÷ the tokens (input + output) of every
/// request its tenant logged in the period — vendor and self-hosted alike, because both kinds of cost are in the
/// total — × 1,000,000. Shown with 2 decimals.
/// </summary>
public static class EffectiveCost
{
    public const int DisplayDecimals = 2;

    /// <summary>Null when the tenant logged no tokens (a cost with nothing to divide it by).</summary>
    public static decimal? PerMillionTokens(decimal total, long tokens) =>
        tokens <= 0 ? null : decimal.Round(total / tokens * 1_000_000m, DisplayDecimals, MidpointRounding.ToEven);
}
