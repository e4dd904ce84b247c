using FinOps.Domain.Allocation;

namespace FinOps.Application.Allocation;

/// <summary>
/// An open run's line and its frozen copy at close carry the same fields; these copies are the one place that knows
/// it, so a field added to a statement line cannot be dropped on the way into or out of a close.
/// </summary>
internal static class StatementLineCopies
{
    public static ClosedStatementLine FrozenFor(this StatementRecord l, string period) => new()
    {
        Period = period, LineKey = l.LineKey, LineType = l.LineType, Tenant = l.Tenant, Feature = l.Feature, Provider = l.Provider, Model = l.Model, Pool = l.Pool,
        RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share, InputTokens = l.InputTokens,
        CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, ExactAmount = l.ExactAmount, Amount = l.Amount, AdjustsPeriod = l.AdjustsPeriod,
        KeyAmount = l.KeyAmount, AttributionKeys = l.AttributionKeys,
    };

    /// <summary>A frozen line in the shape of an open run's line (run id 0: it belongs to no run).</summary>
    public static StatementRecord AsRunLine(this ClosedStatementLine l) => new()
    {
        RunId = 0, LineKey = l.LineKey, LineType = l.LineType, Tenant = l.Tenant, Feature = l.Feature, Provider = l.Provider, Model = l.Model, Pool = l.Pool,
        RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share, InputTokens = l.InputTokens,
        CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, ExactAmount = l.ExactAmount, Amount = l.Amount, AdjustsPeriod = l.AdjustsPeriod,
        KeyAmount = l.KeyAmount, AttributionKeys = l.AttributionKeys,
    };
}
