using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <summary>One tenant's total now and with the draft rules; both columns are rounded once, so each sums to the period's total.</summary>
public sealed record TenantDifference(string Tenant, decimal Current, decimal Draft)
{
    public decimal Difference => Draft - Current;
}

public sealed record RulePreview(IReadOnlyList<string> Problems, IReadOnlyList<TenantDifference> Tenants, decimal CurrentTotal, decimal DraftTotal, string Currency);

/// <summary>
/// What-if: the period allocated with the draft rules in place of the saved ones (same id, or same pool), next to the
/// allocation with the saved rules — nothing is stored. Closed periods are previewed on today's data.
/// </summary>
public sealed class PreviewRules(ManageRules rules, ComputeStatements statements)
{
    public async Task<RulePreview> HandleAsync(ChargePeriod chargePeriod, string draftJson, CancellationToken cancellationToken)
    {
        var period = chargePeriod.ToString();
        var (drafts, problems) = await rules.ValidateAsync(draftJson, cancellationToken);
        if (problems.Count > 0) return new RulePreview(problems, [], 0m, 0m, "");
        var saved = await rules.CurrentAsync(cancellationToken);
        var draftRules = drafts.Select(d => d.Rule with { Version = 0 }).ToList();
        var merged = saved.Where(r => draftRules.All(d => d.Id != r.Id && d.Pool != r.Pool)).Concat(draftRules).ToList();

        var current = await statements.AllocateAsync(period, null, saved, [], cancellationToken);
        var draft = await statements.AllocateAsync(period, null, merged, [], cancellationToken);
        var now = current.Result.Lines.GroupBy(l => l.Tenant).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        var then = draft.Result.Lines.GroupBy(l => l.Tenant).ToDictionary(g => g.Key, g => g.Sum(l => l.Amount));
        var tenants = now.Keys.Union(then.Keys).Order(StringComparer.Ordinal)
            .Select(t => new TenantDifference(t, now.GetValueOrDefault(t), then.GetValueOrDefault(t)))
            .OrderByDescending(t => Math.Abs(t.Difference)).ThenBy(t => t.Tenant, StringComparer.Ordinal).ToList();
        return new RulePreview([], tenants, current.Result.Total, draft.Result.Total, current.Currency.Code);
    }
}

public sealed record RuleVersionView(string RuleId, int Version, string Pool, string Definition, DateOnly EffectiveFrom, DateOnly? EffectiveTo, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>Every rule version, newest first per rule, and the pools that exist (infra pools and vendor pools).</summary>
public sealed class ListRules(IFinOpsReadDbContextFactory contexts)
{
    public async Task<(IReadOnlyList<RuleVersionView> Versions, IReadOnlyList<string> Pools)> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var versions = await db.AllocationRules.AsNoTracking().OrderBy(r => r.Pool).ThenBy(r => r.RuleId).ThenByDescending(r => r.Version)
            .Select(r => new RuleVersionView(r.RuleId, r.Version, r.Pool, r.Definition, r.EffectiveFrom, r.EffectiveTo, r.CreatedAt, r.CreatedBy))
            .ToListAsync(cancellationToken);
        var pools = (await db.InfraCosts.Select(c => c.Pool).Distinct().ToListAsync(cancellationToken))
            .Concat((await db.BillingLines.Select(l => l.ProviderId).Distinct().Join(db.Providers, id => id, p => p.Id, (_, p) => p.Slug).ToListAsync(cancellationToken)).Select(p => $"vendor:{p}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        return (versions, pools);
    }
}

/// <summary>The draft a pool's editor starts from: its latest rule (with its id), or the default rule written out.</summary>
public static class RuleDrafts
{
    public static string For(string pool, RuleVersionView? current, string period)
    {
        System.Text.Json.Nodes.JsonObject rule;
        if (current is not null)
        {
            rule = System.Text.Json.Nodes.JsonNode.Parse(current.Definition)!.AsObject();
            rule["id"] = current.RuleId;
        }
        else
        {
            rule = new System.Text.Json.Nodes.JsonObject
            {
                ["pool"] = pool, ["driver"] = pool.StartsWith("vendor:", StringComparison.Ordinal) ? "direct_cost" : "gpu_seconds",
                ["targets"] = "tenant_feature", ["idle"] = "share", ["effective_from"] = $"{period}-01",
            };
        }
        return new System.Text.Json.Nodes.JsonObject { ["rules"] = new System.Text.Json.Nodes.JsonArray(rule) }
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
