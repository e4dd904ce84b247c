using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinOps.Domain.Allocation;

namespace FinOps.Application.Allocation;

/// <summary>
/// The rules file: <c>{"rules":[…]}</c>, each rule <c>pool, driver, weights {input, cached, output}, shares {target: percent},
/// targets (tenant_feature | tenant), filter {deployments, providers, models, tenants}, idle (share | platform | keep),
/// platform_tenant, effective_from (a period's first day), effective_to</c>, optionally <c>id</c> (default <c>pool@effective_from</c>).
/// Parsing checks the shape; <see cref="ImportRules"/> checks the values against the catalog.
/// </summary>
public static class RuleDocument
{
    public static (List<(string Id, AllocationRule Rule, string Json)> Rules, List<string> Problems) Parse(string json)
    {
        var rules = new List<(string, AllocationRule, string)>();
        var problems = new List<string>();
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { return (rules, [$"not JSON: {e.Message}"]); }
        if (root?["rules"] is not JsonArray array) return (rules, ["the file must be {\"rules\":[…]}"]);
        for (var i = 0; i < array.Count; i++)
        {
            var where = $"rules[{i}]";
            if (array[i] is not JsonObject o) { problems.Add($"{where}: not an object"); continue; }
            var pool = Text(o, "pool");
            if (string.IsNullOrWhiteSpace(pool)) { problems.Add($"{where}: a pool is required"); continue; }
            where = $"rules[{i}] ({pool})";
            if (!AllocationRule.TryParseDriver(Text(o, "driver") ?? "", out var driver)) { problems.Add($"{where}: unknown driver '{Text(o, "driver")}' (tokens, input_tokens, output_tokens, weighted_tokens, requests, gpu_seconds, list_cost, direct_cost, fixed_shares, even)"); continue; }
            var targets = Text(o, "targets") ?? "tenant_feature";
            if (targets is not ("tenant_feature" or "tenant")) { problems.Add($"{where}: targets must be tenant_feature or tenant"); continue; }
            var idle = Text(o, "idle") ?? "share";
            if (idle is not ("share" or "platform" or "keep")) { problems.Add($"{where}: idle must be share, platform or keep"); continue; }
            if (!DateOnly.TryParseExact(Text(o, "effective_from") ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) || from.Day != 1)
            { problems.Add($"{where}: effective_from must be a period's first day, e.g. 2026-10-01"); continue; }
            DateOnly? to = null;
            if (Text(o, "effective_to") is { } toText)
            {
                if (!DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) || t.Day != 1 || t <= from)
                { problems.Add($"{where}: effective_to must be a later period's first day"); continue; }
                to = t;
            }
            (decimal, decimal, decimal)? weights = null;
            if (o["weights"] is JsonObject w) weights = (Number(w, "input") ?? 1m, Number(w, "cached") ?? 1m, Number(w, "output") ?? 1m);
            else if (driver == Driver.WeightedTokens) { problems.Add($"{where}: weighted_tokens needs weights {{input, cached, output}}"); continue; }
            Dictionary<string, decimal>? shares = null;
            if (o["shares"] is JsonObject s) shares = s.ToDictionary(p => p.Key, p => p.Value?.GetValue<decimal>() ?? 0m);
            if (driver == Driver.FixedShares && (shares is null || shares.Values.Sum() != 100m))
            { problems.Add($"{where}: fixed shares must sum to 100 (they sum to {shares?.Values.Sum() ?? 0})"); continue; }
            var filter = o["filter"] as JsonObject;
            var rule = new AllocationRule(Text(o, "id") ?? $"{pool}@{from:yyyy-MM-dd}", 0, pool, driver, targets == "tenant" ? TargetLevel.Tenant : TargetLevel.TenantFeature,
                new UsageFilter(Set(filter, "deployments"), Set(filter, "providers"), Set(filter, "models"), Set(filter, "tenants")),
                idle switch { "keep" => IdleTreatment.Keep, "platform" => IdleTreatment.Platform, _ => IdleTreatment.Share }, from, to, weights, shares, Text(o, "platform_tenant"));
            if (rule.Idle == IdleTreatment.Platform && rule.PlatformTenant is null) { problems.Add($"{where}: idle platform needs platform_tenant"); continue; }
            // The stored text is the rule without its id (the id names the versions), so an export imports unchanged.
            var definition = o.DeepClone().AsObject();
            definition.Remove("id");
            rules.Add((rule.Id, rule, definition.ToJsonString()));
        }
        foreach (var duplicate in rules.GroupBy(r => r.Item1).Where(g => g.Count() > 1)) problems.Add($"rule '{duplicate.Key}' appears twice");
        return (rules, problems);
    }

    public static AllocationRule FromStored(AllocationRuleVersion stored)
    {
        var (rules, problems) = Parse($"{{\"rules\":[{stored.Definition}]}}");
        if (problems.Count > 0) throw new InvalidOperationException($"stored rule {stored.RuleId} v{stored.Version} is invalid: {problems[0]}");
        return rules[0].Rule with { Id = stored.RuleId, Version = stored.Version };
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    private static decimal? Number(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    private static HashSet<string> Set(JsonObject? o, string name) =>
        o?[name] is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").Where(x => x.Length > 0).ToHashSet() : [];
}
