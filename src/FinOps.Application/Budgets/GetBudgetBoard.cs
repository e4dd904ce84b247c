using FinOps.Application.Abstractions;
using FinOps.Application.Dashboards;
using FinOps.Domain.Budgets;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Budgets;

/// <summary>A budget on the budgets page: its status this period with display names, the forecast's crossing day, and whether the caller may change it.</summary>
public sealed record BudgetBoardRow(BudgetStatus Status, string TenantName, string? FeatureName, DateOnly? ExpectedCrossing, bool Editable)
{
    public Budget Budget => Status.Budget;
}

/// <summary>A closed month: a budget against what its scope actually cost.</summary>
public sealed record BudgetHistoryRow(string Period, string TenantName, string? FeatureName, decimal Amount, decimal Actual)
{
    public decimal? Percent => Amount == 0m ? null : Actual / Amount * 100m;
}

public sealed record BudgetBoard(ChargePeriod Period, DateOnly? AsOf, string Currency, IReadOnlyList<BudgetBoardRow> Rows, IReadOnlyList<BudgetHistoryRow> History,
    IReadOnlyList<(string Slug, string Name)> Tenants, IReadOnlyList<(string Slug, string Name)> Features);

/// <summary>The budgets page: every budget covering the period the caller may see, with forecasts and crossing days, and the three months before as budget against actual.</summary>
public sealed class GetBudgetBoard(IFinOpsReadDbContextFactory contexts, GetBudgetStatus statuses)
{
    public async Task<BudgetBoard> HandleAsync(ChargePeriod period, bool isFinance, CancellationToken cancellationToken)
    {
        var current = await statuses.HandleAsync(period, null, cancellationToken);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Slug, t.DisplayName }).ToListAsync(cancellationToken))
            .Select(t => (t.Slug.Value, t.DisplayName)).OrderBy(t => t.DisplayName, StringComparer.CurrentCulture).ToList();
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .Select(f => (f.Slug.Value, f.DisplayName)).OrderBy(f => f.DisplayName, StringComparer.CurrentCulture).ToList();
        var tenantNames = tenants.ToDictionary(t => t.Value, t => t.DisplayName, StringComparer.Ordinal);
        var featureNames = features.ToDictionary(f => f.Value, f => f.DisplayName, StringComparer.Ordinal);
        string? FeatureName(string? slug) => slug is null ? null : featureNames.GetValueOrDefault(slug, slug);

        var rows = current.Select(s => new BudgetBoardRow(s, tenantNames.GetValueOrDefault(s.Budget.Tenant, s.Budget.Tenant), FeatureName(s.Budget.Feature),
            s.AsOf is { } asOf ? GetSpendOverview.Crossing(s.Budget.Amount, s.CostToDate, s.Forecast, asOf, period) : null,
            isFinance || s.Budget.Feature is not null)).ToList();

        var history = new List<BudgetHistoryRow>();
        for (var p = period.Previous(); p.CompareTo(period.Previous().Previous().Previous()) >= 0; p = p.Previous())
            foreach (var s in await statuses.HandleAsync(p, null, cancellationToken))
                history.Add(new BudgetHistoryRow(p.ToString(), tenantNames.GetValueOrDefault(s.Budget.Tenant, s.Budget.Tenant), FeatureName(s.Budget.Feature),
                    s.Budget.Amount, s.CostToDate));
        return new BudgetBoard(period, current.FirstOrDefault()?.AsOf, currency, rows, history, tenants, features);
    }
}
