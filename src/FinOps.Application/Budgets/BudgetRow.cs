namespace FinOps.Application.Budgets;

/// <summary>
/// One row of the budgets CSV (<c>tenant,feature,period,amount,currency,thresholds,until</c>) as written: feature null =
/// the whole tenant; until null = this period only, <c>open</c> = recurring without end, else the last period.
/// </summary>
public sealed record BudgetRow(string Tenant, string? Feature, string Period, decimal Amount, string Currency, IReadOnlyList<decimal> Thresholds, string? Until);

/// <summary>Who changes budgets: finance manages every budget, a team lead those of their own tenants' features.</summary>
public sealed record BudgetEditor(string Name, bool IsFinance);
