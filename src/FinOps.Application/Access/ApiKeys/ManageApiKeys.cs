using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Access;
using FinOps.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Access.ApiKeys;

public sealed record ApiKeyView(long Id, string Name, string Prefix, string Scopes, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy);

/// <summary>The new key, shown once: only its hash is kept.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>Finance creates, lists and revokes the keys automation signs in with; every change is audited.</summary>
public sealed class ManageApiKeys(IFinOpsDbContextFactory contexts, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedBy, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.RevokedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreatedApiKey> CreateAsync(string name, string scope, string createdBy, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200) throw new ArgumentException("a key needs a name of 1 to 200 characters", nameof(name));
        if (scope != ApiKey.IngestScope) throw new ArgumentException($"unknown scope '{scope}' (known: {ApiKey.IngestScope})", nameof(scope));
        var (secret, prefix, hash) = ApiKeySecret.Create();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var key = new ApiKey { Name = name, Prefix = prefix, SecretHash = hash, Scopes = scope, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow() };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        db.AuditLog.Add(Audit(createdBy, "api_key.created", key, new { key.Name, key.Prefix, key.Scopes }));
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(new ApiKeyView(key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedBy, key.CreatedAt, null, null, null), secret);
    }

    public async Task<bool> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || key.RevokedAt is not null) return false;
        key.RevokedAt = clock.GetUtcNow();
        key.RevokedBy = revokedBy;
        db.AuditLog.Add(Audit(revokedBy, "api_key.revoked", key, new { key.Name, key.Prefix }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The active key the presented secret belongs to, or null; marks it used.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.PrefixOf(presented) is not { } prefix) return null;
        await using var db = await contexts.CreateAsync(cancellationToken);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null || !key.IsActive || !ApiKeySecret.Matches(presented, key.SecretHash)) return null;
        key.LastUsedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    private AuditEntry Audit(string actor, string action, ApiKey key, object details) => new()
    {
        OccurredAt = clock.GetUtcNow(), Actor = actor, Action = action, EntityType = "api_key", EntityId = key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Details = JsonSerializer.Serialize(details),
    };
}
