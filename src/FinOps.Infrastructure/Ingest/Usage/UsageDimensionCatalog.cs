using FinOps.Domain.Ingest;
using Npgsql;

namespace FinOps.Infrastructure.Ingest.Usage;

/// <summary>The ids of one usage row, resolved exactly as <see cref="UsageMergeSql"/> resolves them.</summary>
internal readonly record struct UsageIds(long TenantId, long FeatureId, int ProviderId, int ModelId, int ModelAliasId);

/// <summary>
/// Tenants, features, providers, models, aliases and partitions held in memory, so a direct load resolves every
/// row's ids while streaming with the same rules as the set-based merge: merged slugs followed to their survivor,
/// model names through aliases (lower case) then exact model names, unknown names created on first sight.
/// New names get ids from the real sequences (on a side connection: sequences are not transactional, and the COPY
/// holds the main one) and their rows are inserted after the COPY, in the same transaction.
/// </summary>
internal sealed class UsageDimensionCatalog : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database;
    private readonly Dictionary<string, long> _tenants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _features = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Provider, string Alias), (int ModelId, int AliasId)> _aliases = [];
    private readonly Dictionary<(int Provider, string Name), int> _models = [];
    private readonly Dictionary<(string Provider, string Model), (int ProviderId, int ModelId, int AliasId)> _resolvedModels = [];
    private readonly HashSet<int> _partitionMonths = [];
    private readonly List<(string Table, long Id, string Slug)> _newSlugs = [];
    private readonly List<(int Id, int ProviderId, string Name)> _newModels = [];
    private NpgsqlConnection? _sequences;

    private UsageDimensionCatalog(NpgsqlDataSource database) => _database = database;

    public static async Task<UsageDimensionCatalog> LoadAsync(NpgsqlConnection connection, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var catalog = new UsageDimensionCatalog(database);
        await ReadAsync(connection, "select t.slug, coalesce(m.into_tenant_id, t.id) from tenants t left join tenant_merges m on m.from_tenant_id = t.id",
            r => catalog._tenants[r.GetString(0)] = r.GetInt64(1), cancellationToken);
        await ReadAsync(connection, "select f.slug, coalesce(m.into_feature_id, f.id) from features f left join feature_merges m on m.from_feature_id = f.id",
            r => catalog._features[r.GetString(0)] = r.GetInt64(1), cancellationToken);
        await ReadAsync(connection, "select slug, id from providers", r => catalog._providers[r.GetString(0)] = r.GetInt32(1), cancellationToken);
        await ReadAsync(connection, "select provider_id, alias, model_id, id from model_aliases",
            r => catalog._aliases[(r.GetInt32(0), r.GetString(1))] = (r.GetInt32(2), r.GetInt32(3)), cancellationToken);
        await ReadAsync(connection, "select provider_id, name, id from models", r => catalog._models[(r.GetInt32(0), r.GetString(1))] = r.GetInt32(2), cancellationToken);
        await ReadAsync(connection, """
            select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'token_usage'::regclass
            """, r =>
        {
            // token_usage_YYYY_MM
            var name = r.GetString(0);
            catalog._partitionMonths.Add(int.Parse(name.AsSpan(12, 4)) * 12 + int.Parse(name.AsSpan(17, 2)) - 1);
        }, cancellationToken);
        return catalog;
    }

    public bool HasPartitionFor(DateTimeOffset occurredAt)
    {
        var utc = occurredAt.UtcDateTime;
        return _partitionMonths.Contains(utc.Year * 12 + utc.Month - 1);
    }

    public async ValueTask<UsageIds> ResolveAsync(UsageRecord record, CancellationToken cancellationToken)
    {
        if (!_tenants.TryGetValue(record.Tenant, out var tenantId))
            _tenants[record.Tenant] = tenantId = await CreateSlugAsync("tenants", record.Tenant, cancellationToken);
        if (!_features.TryGetValue(record.Feature, out var featureId))
            _features[record.Feature] = featureId = await CreateSlugAsync("features", record.Feature, cancellationToken);
        if (!_resolvedModels.TryGetValue((record.Provider, record.Model), out var model))
            _resolvedModels[(record.Provider, record.Model)] = model = await ResolveModelAsync(record.Provider, record.Model, cancellationToken);
        return new UsageIds(tenantId, featureId, model.ProviderId, model.ModelId, model.AliasId);
    }

    private async Task<(int ProviderId, int ModelId, int AliasId)> ResolveModelAsync(string provider, string model, CancellationToken cancellationToken)
    {
        if (!_providers.TryGetValue(provider, out var providerId))
            _providers[provider] = providerId = (int)await CreateSlugAsync("providers", provider, cancellationToken);
        if (_aliases.TryGetValue((providerId, model.ToLowerInvariant()), out var aliased)) return (providerId, aliased.ModelId, aliased.AliasId);
        if (_models.TryGetValue((providerId, model), out var known)) return (providerId, known, 0);
        var id = (int)await NextIdAsync("models", cancellationToken);
        _models[(providerId, model)] = id;
        _newModels.Add((id, providerId, model));
        return (providerId, id, 0);
    }

    private async Task<long> CreateSlugAsync(string table, string slug, CancellationToken cancellationToken)
    {
        var id = await NextIdAsync(table, cancellationToken);
        _newSlugs.Add((table, id, slug));
        return id;
    }

    private async Task<long> NextIdAsync(string table, CancellationToken cancellationToken)
    {
        _sequences ??= await _database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select nextval(pg_get_serial_sequence('{table}', 'id'))", _sequences);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Inserts the names first seen in this file with the ids the rows already carry.
    /// </summary>
    /// <returns>False when another writer created one of the names meanwhile: the rows point at an id that lost.</returns>
    public async Task<bool> InsertNewAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        foreach (var (table, id, slug) in _newSlugs.OrderBy(n => n.Table == "providers" ? 0 : 1))
        {
            var sql = table == "providers"
                ? "insert into providers (id, slug, display_name, billing_day_offset_hours) overriding system value values ($1, $2, $2, 0) on conflict (slug) do nothing"
                : $"insert into {table} (id, slug, display_name, created_at) overriding system value values ($1, $2, $2, now()) on conflict (slug) do nothing";
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new() { Value = table == "providers" ? (int)id : id });
            command.Parameters.Add(new() { Value = slug });
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        }
        foreach (var (id, providerId, name) in _newModels)
        {
            await using var command = new NpgsqlCommand("""
                insert into models (id, provider_id, name, display_name, first_seen_in_usage) overriding system value
                values ($1, $2, $3, $3, true) on conflict (provider_id, name) do nothing
                """, connection);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = providerId });
            command.Parameters.Add(new() { Value = name });
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        }
        return true;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> each, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) each(reader);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sequences is not null) await _sequences.DisposeAsync();
    }
}
