namespace FinOps.Application.Billing;

/// <summary>A provider's billed usage cost in a period and the part of it its vendor keys attribute (exact amounts).</summary>
public sealed record KeyCoverage(string Provider, decimal BilledCost, decimal ByKey)
{
    /// <summary>Cost attributed by key ÷ billed cost; null when the provider billed nothing.</summary>
    public decimal? Coverage => BilledCost == 0m ? null : ByKey / BilledCost;
}

/// <summary>
/// A key seen on the period's bills: the cost of the lines carrying it (a line with two keys counts under both), the
/// tenant it is mapped to on the period's last day (null: unmapped), and the tenant whose logs carry the same value most
/// often (a suggestion, when logs carry it).
/// </summary>
public sealed record SeenKey(string Provider, string Kind, string Value, decimal Cost, int Lines, string? Tenant, string? Feature, string? SuggestedTenant,
    long SuggestedRequests);

/// <summary>Everything the key mapping page shows for a period.</summary>
public sealed record KeyBoard(string Period, string Currency, IReadOnlyList<SeenKey> Keys, IReadOnlyList<KeyCoverage> Coverage)
{
    public IReadOnlyList<SeenKey> Unmapped => Keys.Where(k => k.Tenant is null).ToList();

    /// <summary>Every provider's billed usage cost attributed by key ÷ their billed usage cost; null when nothing was billed.</summary>
    public decimal? TotalCoverage => Coverage.Sum(c => c.BilledCost) is var billed and not 0m ? Coverage.Sum(c => c.ByKey) / billed : null;
}
