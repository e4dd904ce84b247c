using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

public sealed record RuleImportResult(int Added, int Changed, int Unchanged, IReadOnlyList<string> Problems);

/// <summary>Allocation rules as code: import (validated against the catalog, all or nothing, a new version per changed rule), export.</summary>
public sealed class ManageRules(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    /// <summary>Parses and checks a rules document against the catalog without saving it (the what-if preview uses it too).</summary>
    public async Task<(List<(string Id, AllocationRule Rule, string Json)> Rules, List<string> Problems)> ValidateAsync(string json, CancellationToken cancellationToken)
    {
        var (rules, problems) = RuleDocument.Parse(json);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providers = await db.Providers.Select(p => p.Slug).ToListAsync(cancellationToken);
        var models = await db.Models.Select(m => m.Name).Distinct().ToListAsync(cancellationToken);
        var tenants = (await db.Tenants.Select(t => t.Slug).ToListAsync(cancellationToken)).Select(s => s.Value).ToHashSet();
        var deployments = (await db.InfraCosts.Select(c => c.Pool).Distinct().ToListAsync(cancellationToken))
            .Concat(await db.UsageHourly.Where(h => h.Deployment != "").Select(h => h.Deployment).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var pools = deployments.Concat(providers.Select(p => $"vendor:{p}")).ToHashSet();
        foreach (var (id, rule, _) in rules)
        {
            void Check(IEnumerable<string> values, ICollection<string> known, string what)
            {
                foreach (var value in values.Where(v => !known.Contains(v))) problems.Add($"rule '{id}': filter {what} '{value}' is not known");
            }
            if (!pools.Contains(rule.Pool)) problems.Add($"rule '{id}': pool '{rule.Pool}' is neither an infra pool nor vendor:<provider>");
            Check(rule.Filter.Deployments, deployments, "deployment");
            Check(rule.Filter.Providers, providers, "provider");
            Check(rule.Filter.Models, models, "model");
            Check(rule.Filter.Tenants, tenants, "tenant");
            Check((rule.Shares?.Keys ?? []).Select(k => k.Split('/')[0]), tenants, "share target tenant");
            if (rule.PlatformTenant is { } platform && !tenants.Contains(platform)) problems.Add($"rule '{id}': platform_tenant '{platform}' is not known");
        }
        return (rules, problems);
    }

    public async Task<RuleImportResult> ImportAsync(string json, string actor, CancellationToken cancellationToken)
    {
        var (rules, problems) = await ValidateAsync(json, cancellationToken);
        if (problems.Count > 0) return new RuleImportResult(0, 0, 0, problems);
        await using var db = await contexts.CreateAsync(cancellationToken);

        int added = 0, changed = 0, unchanged = 0;
        var latest = (await db.AllocationRules.ToListAsync(cancellationToken)).GroupBy(r => r.RuleId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version)!);
        foreach (var (id, rule, definition) in rules)
        {
            var current = latest.GetValueOrDefault(id);
            if (current is not null && JsonNode.DeepEquals(JsonNode.Parse(current.Definition), JsonNode.Parse(definition))) { unchanged++; continue; }
            var version = new AllocationRuleVersion
            {
                RuleId = id, Version = (current?.Version ?? 0) + 1, Pool = rule.Pool, Definition = definition, EffectiveFrom = rule.EffectiveFrom,
                EffectiveTo = rule.EffectiveTo, CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
            };
            db.AllocationRules.Add(version);
            db.AuditLog.Add(new AuditEntry
            {
                OccurredAt = clock.GetUtcNow(), Actor = actor, Action = current is null ? "rule.added" : "rule.changed", EntityType = "allocation_rule",
                EntityId = $"{id}:v{version.Version}", Details = JsonSerializer.Serialize(new { old = current?.Definition, @new = definition }),
            });
            if (current is null) added++;
            else changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new RuleImportResult(added, changed, unchanged, []);
    }

    /// <summary>The latest version of every rule, as <c>{"rules":[…]}</c> (the import's own shape, so it round-trips).</summary>
    public async Task<string> ExportAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var latest = (await db.AllocationRules.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(r => r.RuleId).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.RuleId);
        var array = new JsonArray(latest.Select(r =>
        {
            var node = JsonNode.Parse(r.Definition)!.AsObject();
            node["id"] = r.RuleId;
            return (JsonNode)node;
        }).ToArray());
        return new JsonObject { ["rules"] = array }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public async Task<IReadOnlyList<AllocationRule>> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var stored = await db.AllocationRules.AsNoTracking().ToListAsync(cancellationToken);
        return stored.GroupBy(r => r.RuleId).Select(g => RuleDocument.FromStored(g.MaxBy(r => r.Version)!)).ToList();
    }
}
