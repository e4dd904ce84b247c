using FinOps.Domain.Periods;

namespace FinOps.Domain.Billing;

/// <summary>
/// Finance's mapping of a vendor key to a tenant (and optionally the feature its unmatched cost goes to), from a day on;
/// no tenant ends an earlier mapping from that day.
/// </summary>
public sealed record KeyMapping(AttributionKey Key, string? Tenant, string? Feature, DateOnly EffectiveFrom);

/// <summary>What a bill line's keys say: the tenant it belongs to, the feature for cost no usage of that tenant matches, and the deciding key.</summary>
public sealed record KeyAttribution(string Tenant, string? Feature, AttributionKey Key);

/// <summary>
/// Resolves a line's keys against the mappings (SEMANTICS §4 step 0): a mapping holds from 00:00 of its
/// <c>effective_from</c> day in the reporting zone until the key's next mapping; the line's charge start decides which.
/// Of several mapped keys on one line, the most specific kind decides (<see cref="AttributionKeys.Rank"/>).
/// </summary>
public sealed class KeyMap
{
    private readonly Dictionary<AttributionKey, List<KeyMapping>> _byKey;
    private readonly ReportingTimeZone _zone;

    public KeyMap(IEnumerable<KeyMapping> mappings, ReportingTimeZone zone)
    {
        _zone = zone;
        _byKey = mappings.GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.OrderBy(m => m.EffectiveFrom).ToList());
    }

    public static KeyMap Empty { get; } = new([], ReportingTimeZone.Utc);

    public bool IsEmpty => _byKey.Count == 0;

    public KeyAttribution? Resolve(IReadOnlyList<AttributionKey>? keys, DateTimeOffset chargeStart)
    {
        if (keys is null || keys.Count == 0 || _byKey.Count == 0) return null;
        var day = _zone.DayOf(chargeStart);
        foreach (var key in keys.OrderBy(k => AttributionKeys.Rank(k.Kind)).ThenBy(k => k.Kind, StringComparer.Ordinal))
            if (_byKey.TryGetValue(key, out var versions) && versions.LastOrDefault(m => m.EffectiveFrom <= day) is { Tenant: { } tenant } mapping)
                return new KeyAttribution(tenant, mapping.Feature, key);
        return null;
    }
}
