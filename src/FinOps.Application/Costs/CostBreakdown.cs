namespace FinOps.Application.Costs;

/// <summary>How a cost series is grouped: per tenant (feature empty), or per tenant × feature (<c>(all)</c> for lines of rules that target tenants).</summary>
public enum CostBreakdown { Tenant, TenantFeature }

/// <summary>One scope's daily cost on one day, exact; <see cref="Cost"/> includes <see cref="Estimated"/>.</summary>
public sealed record ScopeDailyCost(DateOnly Day, string Tenant, string Feature, decimal Cost, decimal Estimated);

/// <summary>One scope's cost to date as of a day, exact; <see cref="CostToDate"/> includes <see cref="Estimated"/>.</summary>
public sealed record ScopeCostToDate(string Tenant, string Feature, DateOnly AsOf, decimal CostToDate, decimal Estimated);
