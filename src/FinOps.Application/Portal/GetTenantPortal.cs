using FinOps.Application.Abstractions;
using FinOps.Application.Costs;
using FinOps.Application.Access;
using FinOps.Application.Allocation;
using FinOps.Application.Dashboards;
using FinOps.Application.Invoicing;
using FinOps.Domain.Allocation;
using FinOps.Domain.Invoicing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Portal;

/// <summary>
/// A tenant's portal: answered with the caller's scope narrowed to that tenant, so every figure is the tenant's own
/// whoever asks (its viewer, one of its team leads, finance). Null when the tenant is not the caller's to see.
/// </summary>
public sealed class GetTenantPortal(IFinOpsDbContextFactory contexts, GetSpendOverview overview, CostSeriesCache series, ListInvoices invoices,
    GetTenantStatements statements)
{
    public async Task<TenantPortal?> HandleAsync(string tenant, ChargePeriod? period, ChargePeriod? statementPeriod, CancellationToken cancellationToken)
    {
        long tenantId;
        string displayName;
        await using (var db = await contexts.CreateAsync(cancellationToken))
        {
            if (Tenants.ExactSlug.Of(tenant) is not { } slug) return null;
            var row = await db.Tenants.AsNoTracking().Where(t => t.Slug == slug).Select(t => new { t.Id, t.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (row is null) return null;
            (tenantId, displayName) = (row.Id, row.DisplayName);
        }

        using var focus = TenantFocus.On(tenantId);
        var spend = await overview.HandleAsync(period, cancellationToken);
        await using var scoped = await contexts.CreateAsync(cancellationToken);
        var featureNames = (await scoped.Features.AsNoTracking().Select(f => new { f.Id, f.Slug, f.DisplayName }).ToListAsync(cancellationToken))
            .ToDictionary(f => f.Slug.Value, f => (f.Id, f.DisplayName), StringComparer.Ordinal);
        // "(all)" lines are a rule's share of the whole tenant, not of one feature.
        string FeatureName(string slug) => featureNames.TryGetValue(slug, out var f) ? f.DisplayName : slug == "(all)" ? "All features" : slug;

        var text = spend.Period.ToString();
        // The overview above has just read the period: its points come from memory. Everything below adds them up.
        var cells = (await series.PointsAsync(scoped, text, cancellationToken)).Where(d => d.Day <= spend.AsOf && d.Tenant == tenant).ToList();
        var (start, end) = (spend.Period.Start, spend.Period.Zone.StartOfDay(spend.AsOf.AddDays(1)));
        var modelNames = await scoped.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        var tokens = (await scoped.UsageHourly.AsNoTracking().Where(h => h.TenantId == tenantId && h.Hour >= start && h.Hour < end)
                .GroupBy(h => new { h.FeatureId, h.ModelId }).Select(g => new { g.Key.FeatureId, g.Key.ModelId, Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
                .ToListAsync(cancellationToken))
            .ToDictionary(t => (t.FeatureId, modelNames.GetValueOrDefault(t.ModelId, "")), t => t.Tokens);

        // Shared pools (no model) are listed under their pool's name: a tenant sees what it was charged for, not a blank.
        var models = cells.GroupBy(c => (c.Feature, c.Provider, Model: c.Model.Length > 0 ? c.Model : PoolName(c.Pool)))
            .Select(g =>
            {
                var used = g.Key.Provider.Length == 0 ? 0L
                    : tokens.GetValueOrDefault((featureNames.GetValueOrDefault(g.Key.Feature).Id, g.Key.Model));
                var cost = g.Sum(c => c.Cost);
                return new ModelSpend(g.Key.Feature, FeatureName(g.Key.Feature), g.Key.Provider, g.Key.Model, cost, used, EffectiveCost.PerMillionTokens(cost, used));
            })
            .Where(m => m.Cost != 0m).OrderByDescending(m => m.Cost).ToList();

        var features = cells.GroupBy(c => FeatureName(c.Feature)).OrderByDescending(g => g.Sum(c => c.Cost)).Select(g => g.Key).ToList();
        var days = new List<FeatureDay>();
        var byDay = cells.ToLookup(c => c.Day);
        for (var day = spend.Period.FirstDay; day <= spend.AsOf; day = day.AddDays(1))
            days.Add(new FeatureDay(day, byDay[day].GroupBy(c => FeatureName(c.Feature)).ToDictionary(g => g.Key, g => g.Sum(c => c.Cost))));

        var closed = (await scoped.PeriodCloses.AsNoTracking().Select(c => c.Period).ToListAsync(cancellationToken))
            .Select(p => ChargePeriod.Parse(p, spend.Period.Zone)).OrderByDescending(p => p.FirstDay).ToList();
        var chosen = statementPeriod is { } asked && closed.Contains(asked) ? asked : closed.FirstOrDefault();
        PortalStatement? statement = null;
        if (chosen is not null && (await statements.HandleAsync(chosen, tenant, closedOnly: true, cancellationToken)).View is { } view)
        {
            var lines = view.Lines.Where(l => l.Tenant == tenant).Select(l =>
            {
                var line = new StatementLine(Enum.Parse<LineType>(l.LineType, ignoreCase: true), l.Tenant, l.Feature, l.Provider, l.Model, l.Pool, l.RuleId, l.RuleVersion,
                    l.Driver, l.DriverQuantity, l.Share, l.InputTokens, l.CachedInputTokens, l.OutputTokens, l.Cost, l.Cost, l.AdjustsPeriod);
                return new PortalStatementLine(l.Feature, FeatureName(l.Feature), InvoiceLineWording.Item(line), InvoiceLineWording.Basis(line),
                    InvoiceLineWording.Explanation(line, null), l.Cost);
            }).OrderByDescending(l => l.Amount).ToList();
            statement = new PortalStatement(view.Period, view.Currency, view.Total, lines);
        }

        return new TenantPortal(tenant, displayName, spend, await invoices.ForTenantAsync(tenant, cancellationToken), models, features, days, closed, statement);
    }

    private static string PoolName(string pool) => pool.StartsWith("vendor:", StringComparison.Ordinal) ? $"{pool["vendor:".Length..]} shared charges" : pool;
}
