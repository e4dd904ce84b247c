using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <summary>One statement line as pages and the statements API show it (amounts rounded; the period's one rounding).</summary>
public sealed record StatementLineView(
    string Tenant, string Feature, string LineType, string Provider, string Model, string Pool, string? RuleId, int? RuleVersion, string? Driver,
    decimal? DriverQuantity, decimal? Share, long InputTokens, long CachedInputTokens, long OutputTokens, decimal Cost, string? AdjustsPeriod);

/// <summary>A period's statements as the caller may see them: open (the latest run) or closed (the frozen lines).</summary>
public sealed record StatementsView(string Period, string Status, string Currency, decimal Total, IReadOnlyList<StatementLineView> Lines, IReadOnlyList<string> Tenants)
{
    /// <summary>For finance: every cost of the period, exactly (the identity's other side); null for scoped callers and closed periods.</summary>
    public decimal? CostTotal { get; init; }

    /// <summary>Effective cost per 1M tokens (SEMANTICS §7) of a tenant: its total ÷ its tokens (input + output) × 1,000,000.</summary>
    public decimal? CostPerMillionTokens(string tenant)
    {
        var lines = Lines.Where(l => l.Tenant == tenant).ToList();
        var tokens = lines.Sum(l => l.InputTokens + l.OutputTokens);
        return tokens == 0 ? null : lines.Sum(l => l.Cost) / tokens * 1_000_000m;
    }
}

/// <summary>
/// Statements through the caller's tenant scope: finance sees every line (idle and unallocated included), a team lead
/// their tenants' lines, a tenant viewer their tenant's lines of closed periods only.
/// </summary>
public sealed class GetTenantStatements(IFinOpsDbContextFactory contexts)
{
    public async Task<StatementsView?> HandleAsync(string period, string? tenant, bool closedOnly, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // The tenants query is filtered by the caller's scope in the context: what comes back is what they may see.
        var visible = (await db.Tenants.AsNoTracking().Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => s.Value).ToHashSet();
        var unrestricted = db.Scope.IsUnrestricted;
        bool Allowed(string lineTenant) => (unrestricted || visible.Contains(lineTenant)) && (tenant is null || lineTenant == tenant);

        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, cancellationToken);
        List<StatementLineView> lines;
        string currency;
        if (close is not null)
        {
            currency = close.Currency;
            lines = (await db.ClosedStatementLines.AsNoTracking().Where(l => l.Period == period).OrderBy(l => l.LineKey).ToListAsync(cancellationToken))
                .Where(l => Allowed(l.Tenant)).Select(l => View(l.AsRunLine())).ToList();
        }
        else
        {
            if (closedOnly) return null;
            var run = await db.StatementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period, cancellationToken);
            if (run is null) return null;
            currency = run.Currency;
            lines = (await db.StatementLines.AsNoTracking().Where(l => l.RunId == run.Id).OrderBy(l => l.LineKey).ToListAsync(cancellationToken))
                .Where(l => Allowed(l.Tenant)).Select(View).ToList();
        }
        var tenants = lines.Select(l => l.Tenant).Distinct().Order(StringComparer.Ordinal).ToList();
        var costTotal = unrestricted && close is null && tenant is null
            ? await db.StatementRuns.Where(r => r.Period == period).Select(r => (decimal?)r.CostTotal).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new StatementsView(period, close is null ? "open" : "closed", currency, lines.Sum(l => l.Cost), lines, tenants) { CostTotal = costTotal };
    }

    private static StatementLineView View(StatementRecord l) =>
        new(l.Tenant, l.Feature, StatementLine.TypeName(l.LineType), l.Provider, l.Model, l.Pool, l.RuleId, l.RuleVersion, l.Driver,
            l.DriverQuantity, l.Share, l.InputTokens, l.CachedInputTokens, l.OutputTokens, l.Amount, l.AdjustsPeriod);
}
