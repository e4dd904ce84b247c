using System.Globalization;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Billing;

/// <summary>One row of a key mappings file (<c>provider,kind,value,tenant,feature,effective_from</c>) with the line it came from.</summary>
public sealed record KeyMappingRow(long Line, string? Provider, string? Kind, string? Value, string? Tenant, string? Feature, string? EffectiveFrom);

/// <summary>
/// Finance's vendor key mappings (SEMANTICS §4 step 0): imported all or nothing with every problem by line and column,
/// each version kept (a key mapped again from a later day keeps the earlier days' tenant), every change audited
/// before → after; exported in the import's columns.
/// </summary>
public sealed class ManageKeyMappings(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<(int Added, int Changed, IReadOnlyList<RowProblem> Problems)> ImportAsync(IReadOnlyList<KeyMappingRow> rows, string actor,
        CancellationToken cancellationToken)
    {
        if (rows.Count > MaxRows) return (0, 0, [new RowProblem(1, null, $"the file has {rows.Count:N0} rows (at most {MaxRows:N0})")]);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var tenants = (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Slug.Value, t => t.Id);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Slug.Value, f => f.Id);
        var problems = new List<RowProblem>();
        var accepted = new List<(int Provider, string Kind, string Value, long? Tenant, long? Feature, DateOnly From, KeyMappingRow Row)>();
        var seen = new Dictionary<(int, string, string, DateOnly), long>();
        foreach (var row in rows)
        {
            var before = problems.Count;
            void Problem(string column, string message) => problems.Add(new RowProblem(row.Line, column, message));
            var provider = row.Provider?.Trim() ?? "";
            if (provider.Length == 0) Problem("provider", "provider is required");
            else if (!providers.ContainsKey(provider)) Problem("provider", $"provider '{Shown(provider)}' is not known (./finops providers lists them)");
            var kind = row.Kind?.Trim() ?? "";
            if (AttributionKeys.KindProblem(kind) is { } kindProblem) Problem("kind", kindProblem);
            var value = row.Value?.Trim() ?? "";
            if (value.Length == 0) Problem("value", "value is required");
            else if (value.Length > AttributionKeys.MaxValueLength) Problem("value", $"value is {value.Length} characters long (at most {AttributionKeys.MaxValueLength})");
            var tenant = row.Tenant?.Trim().ToLowerInvariant() ?? "";
            if (tenant.Length > 0 && !tenants.ContainsKey(tenant)) Problem("tenant", $"tenant '{Shown(tenant)}' is not known (tenants appear with their first usage)");
            var feature = row.Feature?.Trim().ToLowerInvariant() ?? "";
            if (feature.Length > 0 && tenant.Length == 0) Problem("feature", "a feature needs a tenant");
            else if (feature.Length > 0 && !features.ContainsKey(feature)) Problem("feature", $"feature '{Shown(feature)}' is not known");
            var fromText = row.EffectiveFrom?.Trim() ?? "";
            var from = DateOnly.MinValue;
            if (fromText.Length == 0) Problem("effective_from", "effective_from is required (YYYY-MM-DD)");
            else if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from) || from.Year < 2000 || from.Year > 2100)
                Problem("effective_from", $"effective_from '{Shown(fromText)}' is not a day (YYYY-MM-DD, from 2000 to 2100)");
            if (problems.Count > before) continue;
            var identity = (providers[provider], kind, value, from);
            if (seen.TryGetValue(identity, out var first)) { Problem("value", $"{kind}={Shown(value)} from {from:yyyy-MM-dd} is already on line {first}"); continue; }
            seen[identity] = row.Line;
            accepted.Add((providers[provider], kind, value, tenant.Length == 0 ? null : tenants[tenant], feature.Length == 0 ? null : features[feature], from, row));
        }
        if (rows.Count == 0) problems.Add(new RowProblem(1, null, "the file has no mappings"));
        if (problems.Count > 0) return (0, 0, problems);

        var now = clock.GetUtcNow();
        var stored = await db.VendorAttributionKeys.ToListAsync(cancellationToken);
        var byIdentity = stored.ToDictionary(k => (k.ProviderId, k.KeyType, k.KeyValue, k.EffectiveFrom));
        var (added, changed) = (0, 0);
        var changes = new List<object>();
        foreach (var a in accepted)
        {
            if (byIdentity.TryGetValue((a.Provider, a.Kind, a.Value, a.From), out var existing))
            {
                if (existing.TenantId == a.Tenant && existing.FeatureId == a.Feature) continue;
                changes.Add(new { key = $"{a.Row.Provider}/{a.Kind}={a.Value}", effective_from = a.From, before = new { tenant_id = existing.TenantId, feature_id = existing.FeatureId },
                    after = new { tenant = a.Row.Tenant, feature = a.Row.Feature } });
                (existing.TenantId, existing.FeatureId, existing.MappedAt, existing.MappedBy) = (a.Tenant, a.Feature, now, actor);
                changed++;
                continue;
            }
            db.VendorAttributionKeys.Add(new VendorAttributionKey
            {
                ProviderId = a.Provider, KeyType = a.Kind, KeyValue = a.Value, TenantId = a.Tenant, FeatureId = a.Feature, EffectiveFrom = a.From, MappedAt = now, MappedBy = actor,
            });
            changes.Add(new { key = $"{a.Row.Provider}/{a.Kind}={a.Value}", effective_from = a.From, before = (object?)null, after = new { tenant = a.Row.Tenant, feature = a.Row.Feature } });
            added++;
        }
        if (added + changed == 0) return (0, 0, []);
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now, Actor = actor, Action = "keys.imported", EntityType = "attribution_key", EntityId = "mappings",
            Details = JsonSerializer.Serialize(new { added, changed, changes }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return (added, changed, []);
    }

    /// <summary>Every mapping version, in the import's shape (slugs; empty tenant = the mapping ends that day).</summary>
    public async Task<IReadOnlyList<KeyMapping>> ExportAsync(CancellationToken cancellationToken) =>
        (await ComputeStatements.KeyMappingsAsync(contexts, cancellationToken))
        .OrderBy(m => m.Key.Provider, StringComparer.Ordinal).ThenBy(m => m.Key.Kind, StringComparer.Ordinal).ThenBy(m => m.Key.Value, StringComparer.Ordinal)
        .ThenBy(m => m.EffectiveFrom).ToList();

    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
