using FinOps.Application.Dashboards;
using FinOps.Application.Invoicing;
using FinOps.Domain.Periods;

namespace FinOps.Application.Portal;

/// <summary>A feature × model of the tenant this period: cost to date, tokens and cost per 1M tokens.</summary>
public sealed record ModelSpend(string Feature, string FeatureName, string Provider, string Model, decimal Cost, long Tokens, decimal? PerMillion);

/// <summary>One day of the period: the tenant's cost per feature (display names).</summary>
public sealed record FeatureDay(DateOnly Day, IReadOnlyDictionary<string, decimal> ByFeature);

/// <summary>A statement line of a closed period in words: what was charged, its quantities, and how its amount was computed.</summary>
public sealed record PortalStatementLine(string Feature, string FeatureName, string Item, string Basis, string Explanation, decimal Amount);

/// <summary>A closed period's statement of the tenant: its lines and their total (the lines add up to it).</summary>
public sealed record PortalStatement(string Period, string Currency, decimal Total, IReadOnlyList<PortalStatementLine> Lines);

/// <summary>
/// What a tenant sees of itself: its invoices (credit notes beside what they credit), the period's spend through the
/// same figures finance sees (cost to date billed and estimated, forecast and band, budgets, features with cost per
/// 1M tokens), spend per feature and model and per day, and the statement of a closed period in plain words.
/// </summary>
public sealed record TenantPortal(
    string Tenant, string DisplayName, SpendOverview Spend, IReadOnlyList<InvoiceRow> Invoices, IReadOnlyList<ModelSpend> Models,
    IReadOnlyList<string> Features, IReadOnlyList<FeatureDay> Days, IReadOnlyList<ChargePeriod> ClosedPeriods, PortalStatement? Statement)
{
    /// <summary>The tenant's budget for the whole period, if finance set one.</summary>
    public BudgetGauge? TenantBudget => Spend.BudgetGauges.FirstOrDefault(g => g.Feature is null);

    public decimal ModelTotal => Models.Sum(m => m.Cost);
}
