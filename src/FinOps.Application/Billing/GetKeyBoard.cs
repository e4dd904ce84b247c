using FinOps.Application.Abstractions;
using FinOps.Application.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Billing;

/// <summary>
/// The keys on a period's usage bill lines (with a model) against finance's mappings (SEMANTICS §4 step 0): each key's
/// cost and mapping, a suggested tenant from logs that carry the same value, and key coverage per provider = the cost
/// of lines a mapping attributes ÷ the provider's billed usage cost (lines charged from a day of the period).
/// </summary>
public sealed class GetKeyBoard(IFinOpsDbContextFactory contexts)
{
    public async Task<KeyBoard> HandleAsync(ChargePeriod period, CancellationToken cancellationToken)
    {
        var mappings = await ComputeStatements.KeyMappingsAsync(contexts, cancellationToken);
        var map = new KeyMap(mappings, period.Zone);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var lines = await db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ChargePeriodStart >= period.Start && l.ChargePeriodStart < period.End
                        && l.ChargeCategory == ChargeCategory.Usage && l.ModelId != null && l.CommitmentStatus != "Unused")
            .Join(db.IngestionFiles, l => l.FileId, f => f.Id, (l, f) => new { l, f.Kind })
            .Where(x => x.Kind != Domain.Ingestion.IngestionKind.VendorUsage)
            .Join(db.Providers, x => x.l.ProviderId, p => p.Id, (x, p) => new { p.Slug, x.l.Tags, x.l.EffectiveCost, x.l.ChargePeriodStart })
            .ToListAsync(cancellationToken);
        var read = lines.Select(l => (Line: l, Keys: l.Tags is null ? [] : AttributionKeys.FromTags(l.Slug, BillTags.Parse(l.Tags)))).ToList();

        var coverage = read.GroupBy(x => x.Line.Slug)
            .Select(g => new KeyCoverage(g.Key, g.Sum(x => x.Line.EffectiveCost),
                g.Where(x => map.Resolve(x.Keys, x.Line.ChargePeriodStart) is not null).Sum(x => x.Line.EffectiveCost)))
            .OrderBy(c => c.Provider, StringComparer.Ordinal).ToList();

        var lastDay = period.End.AddTicks(-1);
        var seen = read.SelectMany(x => x.Keys.Select(k => (Key: k, x.Line.EffectiveCost))).GroupBy(x => x.Key)
            .Select(g => (g.Key, Cost: g.Sum(x => x.EffectiveCost), Lines: g.Count(), Mapping: map.Resolve([g.Key], lastDay)))
            .ToList();
        var suggestions = await SuggestAsync(db, period, seen.Where(s => s.Mapping is null).Select(s => s.Key.Value).Distinct().ToList(), cancellationToken);
        var keys = seen.Select(s =>
            {
                var suggestion = suggestions.GetValueOrDefault(s.Key.Value);
                return new SeenKey(s.Key.Provider, s.Key.Kind, s.Key.Value, s.Cost, s.Lines, s.Mapping?.Tenant, s.Mapping?.Feature, suggestion.Tenant, suggestion.Requests);
            })
            .OrderBy(k => k.Tenant is not null).ThenByDescending(k => k.Cost).ThenBy(k => k.Provider, StringComparer.Ordinal).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .ThenBy(k => k.Value, StringComparer.Ordinal).ToList();
        return new KeyBoard(period.ToString(), currency, keys, coverage);
    }

    /// <summary>For each value, the tenant whose requests of the period carry it in a kept column most often.</summary>
    private static async Task<Dictionary<string, (string? Tenant, long Requests)>> SuggestAsync(IFinOpsDbContext db, ChargePeriod period, IReadOnlyList<string> values,
        CancellationToken cancellationToken)
    {
        if (values.Count == 0) return [];
        var wanted = values.ToArray();
        // From the tag counts kept at ingest (usage_tag_hourly), never raw requests at page time.
        var rows = await db.Database.SqlQuery<KeySuggestionRow>($"""
            select g.value as key_value, n.slug as tenant, sum(g.requests)::bigint as requests
            from usage_tag_hourly g join tenants n on n.id = g.tenant_id
            where g.value = any({wanted}) and g.hour >= {period.Start} and g.hour < {period.End}
            group by g.value, n.slug
            """).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.KeyValue).ToDictionary(g => g.Key, g =>
        {
            var best = g.OrderByDescending(r => r.Requests).ThenBy(r => r.Tenant, StringComparer.Ordinal).First();
            return ((string?)best.Tenant, best.Requests);
        });
    }

    private sealed record KeySuggestionRow(string KeyValue, string Tenant, long Requests);
}
