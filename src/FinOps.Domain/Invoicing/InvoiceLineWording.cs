using System.Globalization;
using FinOps.Domain.Allocation;

namespace FinOps.Domain.Invoicing;

/// <summary>How an invoice names a line and its basis, in words a tenant understands (no keys, no jargon).</summary>
public static class InvoiceLineWording
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>What was charged: provider × model for vendor usage, the pool otherwise.</summary>
    public static string Item(StatementLine line) => line.Pool.Length > 0
        ? line.Pool.StartsWith("vendor:", StringComparison.Ordinal) ? $"{line.Pool["vendor:".Length..]} shared charges" : line.Pool
        : $"{line.Provider} × {line.Model}";

    /// <summary>The quantities behind the amount: tokens by direction, or driver, quantity, share and rule version.</summary>
    public static string Basis(StatementLine line)
    {
        if (line.Driver is not null || line.RuleId is not null)
        {
            var parts = new List<string>();
            if (line.Driver is not null) parts.Add($"{line.Driver} {Quantity(line.DriverQuantity)}");
            if (line.Share is { } share) parts.Add($"share {Percent(share)}");
            if (line.RuleId is not null) parts.Add($"rule {line.RuleId} v{line.RuleVersion}");
            return string.Join(" · ", parts);
        }
        if (line.InputTokens + line.OutputTokens + line.CachedInputTokens == 0) return line.Type == LineType.Unallocated ? "no usage to share it by" : "";
        var tokens = $"{line.InputTokens.ToString("N0", Invariant)} in · {line.OutputTokens.ToString("N0", Invariant)} out";
        return line.CachedInputTokens > 0 ? $"{tokens} · {line.CachedInputTokens.ToString("N0", Invariant)} cached" : tokens;
    }

    /// <summary>The appendix sentence: how this line's amount was computed.</summary>
    public static string Explanation(StatementLine line, string? sources)
    {
        var from = string.IsNullOrEmpty(sources) ? "" : $" Source: {sources}.";
        var what = line.Type switch
        {
            LineType.Direct =>
                $"Your {line.Feature} requests to {line.Provider} {line.Model} used {line.InputTokens.ToString("N0", Invariant)} input and " +
                $"{line.OutputTokens.ToString("N0", Invariant)} output tokens; the vendor's bill for those requests is charged to you in proportion to your tokens.",
            LineType.Allocated when line.Driver is not null =>
                $"The {Item(line)} cost is shared by {line.Driver}: your {line.Feature} used {Quantity(line.DriverQuantity)}, a share of {Percent(line.Share ?? 0m)}" +
                (line.RuleId is null ? "." : $", under rule {line.RuleId} version {line.RuleVersion}."),
            LineType.Allocated =>
                $"A fixed share of the {Item(line)} cost" + (line.RuleId is null ? "." : $", under rule {line.RuleId} version {line.RuleVersion}."),
            LineType.Adjustment =>
                $"Data that arrived after {line.AdjustsPeriod} was closed changed this line of {line.AdjustsPeriod}; this is the exact difference.",
            _ => $"The {Item(line)} cost that no usage could be matched to.",
        };
        return what + from;
    }

    public static string Percent(decimal share) => (share * 100m).ToString("0.####", Invariant) + " %";

    private static string Quantity(decimal? quantity) => quantity is { } q ? q.ToString(q == decimal.Truncate(q) ? "N0" : "N2", Invariant) : "—";
}
