using FinOps.Domain.Allocation;
using FinOps.Domain.Invoicing;

namespace FinOps.Application.Invoicing;

/// <summary>Copies between frozen statement lines and invoice lines (the same line, whole).</summary>
internal static class InvoiceLines
{
    public static IEnumerable<InvoiceLine> From(long invoiceId, IEnumerable<StatementLine> lines) =>
        lines.Select((l, i) => new InvoiceLine
        {
            InvoiceId = invoiceId, Ordinal = i + 1, LineKey = l.Key, LineType = l.Type, Feature = l.Feature, Provider = l.Provider, Model = l.Model, Pool = l.Pool,
            RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share,
            InputTokens = l.InputTokens, CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, Amount = l.Amount, AdjustsPeriod = l.AdjustsPeriod,
        });

    public static IEnumerable<InvoiceLine> Copy(long invoiceId, IEnumerable<InvoiceLine> lines) =>
        lines.OrderBy(l => l.Ordinal).Select(l => new InvoiceLine
        {
            InvoiceId = invoiceId, Ordinal = l.Ordinal, LineKey = l.LineKey, LineType = l.LineType, Feature = l.Feature, Provider = l.Provider, Model = l.Model, Pool = l.Pool,
            RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share,
            InputTokens = l.InputTokens, CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, Amount = l.Amount, AdjustsPeriod = l.AdjustsPeriod,
        });

    public static StatementLine ToStatementLine(InvoiceLine l, string tenant) => new(l.LineType, tenant, l.Feature, l.Provider, l.Model, l.Pool, l.RuleId, l.RuleVersion,
        l.Driver, l.DriverQuantity, l.Share, l.InputTokens, l.CachedInputTokens, l.OutputTokens, l.Amount, l.Amount, l.AdjustsPeriod);
}
