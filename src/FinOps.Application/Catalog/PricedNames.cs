using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Catalog;

/// <summary>
/// What a price card's model column names: a model, one of its catalog names (snapshot or meter: the card prices
/// that name only), or a name never seen (a model is added for it when the import is written).
/// </summary>
public sealed class PricedNameRef
{
    internal PricedNameRef(string provider, string name, int? providerId, int? modelId, int? aliasId)
    {
        Provider = provider;
        Name = name;
        ProviderId = providerId;
        ModelId = modelId;
        AliasId = aliasId;
    }

    public string Provider { get; }
    public string Name { get; }
    internal int? ProviderId { get; set; }
    internal int? ModelId { get; set; }
    internal int? AliasId { get; }

    public bool IsNew => ModelId is null;

    public bool SameAs(PricedNameRef other) => IsNew || other.IsNew
        ? other.Provider == Provider && other.Name == Name
        : other.ModelId == ModelId && other.AliasId == AliasId;

    public (int ModelId, int? AliasId) Ids() => (ModelId ?? throw new InvalidOperationException($"{Provider}/{Name} was not added to the catalog"), AliasId);
}

/// <summary>The catalog's names as price cards resolve them: a model's own name first, then its aliases (lower case).</summary>
public sealed class PricedNames
{
    private readonly Dictionary<string, int> _providers;
    private readonly Dictionary<(int ProviderId, string Name), int> _models;
    private readonly Dictionary<(int ProviderId, string Alias), (int Id, int ModelId)> _aliases;
    private readonly Dictionary<int, string> _modelNames;

    private PricedNames(Dictionary<string, int> providers, Dictionary<(int, string), int> models, Dictionary<(int, string), (int, int)> aliases,
        Dictionary<int, string> modelNames)
    {
        _providers = providers;
        _models = models;
        _aliases = aliases;
        _modelNames = modelNames;
    }

    public static async Task<PricedNames> LoadAsync(IFinOpsDbContext db, CancellationToken cancellationToken)
    {
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Slug, p => p.Id, cancellationToken);
        var models = await db.Models.AsNoTracking().ToListAsync(cancellationToken);
        var aliases = await db.ModelAliases.AsNoTracking().ToListAsync(cancellationToken);
        return new PricedNames(providers, models.ToDictionary(m => (m.ProviderId, m.Name), m => m.Id),
            aliases.ToDictionary(a => (a.ProviderId, a.Alias), a => (a.Id, a.ModelId)), models.ToDictionary(m => m.Id, m => m.Name));
    }

    public PricedNameRef Resolve(string provider, string name)
    {
        if (!_providers.TryGetValue(provider, out var providerId)) return new PricedNameRef(provider, name, null, null, null);
        if (_models.TryGetValue((providerId, name), out var modelId)) return new PricedNameRef(provider, name, providerId, modelId, null);
        if (_aliases.TryGetValue((providerId, name.ToLowerInvariant()), out var alias))
        {
            // An alias that only restates its model's name (gpt-4o for gpt-4o) prices the model, not a snapshot.
            var isModelName = string.Equals(_modelNames[alias.ModelId], name, StringComparison.OrdinalIgnoreCase);
            return new PricedNameRef(provider, name, providerId, alias.ModelId, isModelName ? null : alias.Id);
        }
        return new PricedNameRef(provider, name, providerId, null, null);
    }

    /// <summary>Adds the providers and models of names never seen, each audited, and gives the references their ids.</summary>
    public async Task AddUnknownAsync(IFinOpsDbContext db, IEnumerable<PricedNameRef> names, string actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var group in names.Where(n => n.IsNew).GroupBy(n => (n.Provider, n.Name)))
        {
            var (provider, name) = group.Key;
            if (!_providers.TryGetValue(provider, out var providerId))
            {
                var row = new Provider { Slug = provider, DisplayName = provider };
                db.Providers.Add(row);
                await db.SaveChangesAsync(cancellationToken);
                _providers[provider] = providerId = row.Id;
                Audit(db, actor, at, "provider.added", "provider", provider, new { provider, reason = "named by a price card" });
            }
            if (!_models.TryGetValue((providerId, name), out var modelId))
            {
                var model = new Model { ProviderId = providerId, Name = name, DisplayName = name };
                db.Models.Add(model);
                await db.SaveChangesAsync(cancellationToken);
                _models[(providerId, name)] = modelId = model.Id;
                _modelNames[modelId] = name;
                Audit(db, actor, at, "model.added", "model", $"{provider}:{name}", new { provider, model = name, reason = "named by a price card" });
            }
            foreach (var reference in group)
            {
                reference.ProviderId = providerId;
                reference.ModelId = modelId;
            }
        }
    }

    private static void Audit(IFinOpsDbContext db, string actor, DateTimeOffset at, string action, string entityType, string entityId, object details) =>
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = at, Actor = actor, Action = action, EntityType = entityType, EntityId = entityId, Details = JsonSerializer.Serialize(details),
        });
}
