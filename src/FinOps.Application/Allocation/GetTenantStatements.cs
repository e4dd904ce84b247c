using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <summary>One statement line as pages and the statements API show it (amounts rounded; the period's one rounding).</summary>
public sealed record StatementLineView(
    string Tenant, string Feature, string LineType, string Provider, string Model, string Pool, string? RuleId, int? RuleVersion, string? Driver,
    decimal? DriverQuantity, decimal? Share, long InputTokens, long CachedInputTokens, long OutputTokens, decimal Cost, string? AdjustsPeriod,
    decimal KeyAmount = 0m, string? Keys = null);

/// <summary>A tenant's figures of a period: its lines summed by kind, and its effective cost per 1M tokens over every token it logged.</summary>
public sealed record TenantStatementTotal(string Tenant, decimal Direct, decimal Allocated, decimal Adjustments, decimal Total, long Tokens, decimal? CostPerMillionTokens);

/// <summary>A cost summed by a feature, model or pool.</summary>
public sealed record CostByName(string Name, decimal Cost);

/// <summary>
/// A period's statements as the caller may see them, with the figures pages show computed here (never in a page):
/// open (the latest run) or closed (the frozen lines), limited to one tenant when the caller asked for one.
/// </summary>
public sealed record StatementsView(string Period, string Status, string Currency, decimal Total, IReadOnlyList<StatementLineView> Lines, IReadOnlyList<string> Tenants)
{
    /// <summary>For finance without a tenant filter: every cost of the period, exactly (the identity's other side); null otherwise.</summary>
    public decimal? CostTotal { get; init; }

    /// <summary>Every cost rounded once to the currency (the identity's rounded side); null with <see cref="CostTotal"/>.</summary>
    public decimal? CostTotalRounded { get; init; }

    /// <summary>The tenant asked for, or null for every tenant in scope.</summary>
    public string? Tenant { get; init; }

    public decimal Idle { get; init; }
    public decimal Unallocated { get; init; }
    public IReadOnlyList<TenantStatementTotal> ByTenant { get; init; } = [];
    public IReadOnlyList<CostByName> ByFeature { get; init; } = [];
    public IReadOnlyList<CostByName> ByModel { get; init; } = [];
    public IReadOnlyList<CostByName> ByPool { get; init; } = [];

    public static StatementsView Empty(ChargePeriod period) => new(period.ToString(), "none", "", 0m, [], []);
}

/// <summary>What a statements request gets: the view, nothing yet (null view), or a refusal for a tenant outside the caller's scope.</summary>
public sealed record StatementsAnswer(StatementsView? View, bool Forbidden = false);

/// <summary>
/// Statements through the caller's tenant scope: finance sees every line (idle and unallocated included), a team lead
/// their tenants' lines, a tenant viewer their tenant's lines of closed periods only. Asking for a tenant outside the
/// scope is refused, exactly as the tenant's own page refuses it.
/// </summary>
public sealed class GetTenantStatements(IFinOpsReadDbContextFactory contexts)
{
    public async Task<StatementsAnswer> HandleAsync(ChargePeriod period, string? tenant, bool closedOnly, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // The tenants query is filtered by the caller's scope in the context: what comes back is what they may see.
        var visible = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
        var unrestricted = db.Scope.IsUnrestricted;
        if (tenant is not null && !unrestricted && !visible.ContainsKey(tenant)) return new StatementsAnswer(null, Forbidden: true);
        bool Allowed(string lineTenant) => (unrestricted || visible.ContainsKey(lineTenant)) && (tenant is null || lineTenant == tenant);

        var key = period.ToString();
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == key, cancellationToken);
        List<StatementLineView> lines;
        string currency;
        if (close is not null)
        {
            currency = close.Currency;
            lines = (await db.ClosedStatementLines.AsNoTracking().Where(l => l.Period == key).OrderBy(l => l.LineKey).ToListAsync(cancellationToken))
                .Where(l => Allowed(l.Tenant)).Select(l => View(l.AsRunLine(), Digits(currency))).ToList();
        }
        else
        {
            if (closedOnly) return new StatementsAnswer(null);
            var run = await db.StatementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == key, cancellationToken);
            if (run is null) return new StatementsAnswer(null);
            currency = run.Currency;
            lines = (await db.StatementLines.AsNoTracking().Where(l => l.RunId == run.Id).OrderBy(l => l.LineKey).ToListAsync(cancellationToken))
                .Where(l => Allowed(l.Tenant)).Select(l => View(l, Digits(currency))).ToList();
        }
        var tenants = lines.Select(l => l.Tenant).Distinct().Order(StringComparer.Ordinal).ToList();
        decimal? costTotal = unrestricted && close is null && tenant is null
            ? await db.StatementRuns.Where(r => r.Period == key).Select(r => (decimal?)r.CostTotal).SingleOrDefaultAsync(cancellationToken)
            : null;
        var digits = Domain.Money.Currency.FromCode(currency).MinorDigits;

        // Every token each tenant logged in the period (vendor and self-hosted): the denominator of its cost per 1M tokens.
        var ids = tenants.Where(visible.ContainsKey).Select(t => visible[t]).ToList();
        var tokens = (await db.UsageHourly.AsNoTracking()
                .Where(h => ids.Contains(h.TenantId) && h.Hour >= period.Start && h.Hour < period.End)
                .GroupBy(h => h.TenantId).Select(g => new { g.Key, Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
                .ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key, x => x.Tokens);
        long TokensOf(string t) => visible.TryGetValue(t, out var id) ? tokens.GetValueOrDefault(id) : 0;

        var byTenant = tenants.Select(t =>
        {
            var own = lines.Where(l => l.Tenant == t).ToList();
            var total = own.Sum(l => l.Cost);
            return new TenantStatementTotal(t, own.Where(l => l.LineType == "direct").Sum(l => l.Cost),
                own.Where(l => l.LineType is "allocated" or "idle" or "unallocated").Sum(l => l.Cost),
                own.Where(l => l.LineType == "adjustment").Sum(l => l.Cost), total, TokensOf(t), EffectiveCost.PerMillionTokens(total, TokensOf(t)));
        }).OrderByDescending(x => x.Total).ThenBy(x => x.Tenant, StringComparer.Ordinal).ToList();

        IReadOnlyList<CostByName> By(Func<StatementLineView, string> name) =>
            lines.GroupBy(name).Where(g => g.Key.Length > 0).Select(g => new CostByName(g.Key, g.Sum(l => l.Cost))).OrderByDescending(x => x.Cost).ToList();

        return new StatementsAnswer(new StatementsView(key, close is null ? "open" : "closed", currency, lines.Sum(l => l.Cost), lines, tenants)
        {
            CostTotal = costTotal,
            CostTotalRounded = costTotal is { } exact ? decimal.Round(exact, digits, MidpointRounding.ToEven) : null,
            Tenant = tenant,
            Idle = lines.Where(l => l.LineType == "idle").Sum(l => l.Cost),
            Unallocated = lines.Where(l => l.LineType == "unallocated").Sum(l => l.Cost),
            ByTenant = byTenant,
            ByFeature = By(l => l.Feature),
            ByModel = By(l => l.Model.Length > 0 ? $"{l.Provider} {l.Model}" : ""),
            ByPool = By(l => l.Pool),
        });
    }

    private static int Digits(string currency) => Domain.Money.Currency.FromCode(currency).MinorDigits;

    private static StatementLineView View(StatementRecord l, int digits) =>
        new(l.Tenant, l.Feature, StatementLine.TypeName(l.LineType), l.Provider, l.Model, l.Pool, l.RuleId, l.RuleVersion, l.Driver,
            l.DriverQuantity, l.Share, l.InputTokens, l.CachedInputTokens, l.OutputTokens, l.Amount, l.AdjustsPeriod,
            // How much came by a vendor key, shown to the cent beside the line (the line's own amount is the period's one rounding).
            decimal.Round(l.KeyAmount, digits, MidpointRounding.ToEven), l.AttributionKeys);
}
