using FinOps.Domain.Allocation;

namespace FinOps.Domain.Invoicing;

/// <summary>One tenant's draft of a closed period: its frozen statement lines (adjustments included once) and their sum.</summary>
public sealed record InvoiceDraft(string Tenant, IReadOnlyList<StatementLine> Lines, decimal Total);

public static class InvoiceDrafting
{
    /// <summary>
    /// The drafts a closed period's frozen lines make (SEMANTICS §7): one per tenant whose rounded lines do not sum to
    /// zero; a negative sum is a credit invoice. Idle and unallocated buckets are nobody's to pay.
    /// </summary>
    public static IReadOnlyList<InvoiceDraft> From(IEnumerable<StatementLine> frozenLines) =>
        frozenLines
            .Where(l => l.Tenant is not (Allocator.IdleTenant or Allocator.Unallocated))
            .GroupBy(l => l.Tenant, StringComparer.Ordinal)
            .Select(g => new InvoiceDraft(g.Key, g.OrderBy(l => l.Key, StringComparer.Ordinal).ToList(), g.Sum(l => l.Amount)))
            .Where(d => d.Total != 0m)
            .OrderBy(d => d.Tenant, StringComparer.Ordinal)
            .ToList();
}
