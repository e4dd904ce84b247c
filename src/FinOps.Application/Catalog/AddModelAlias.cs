using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Audit;
using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Catalog;

public sealed record AliasResult(bool Added, string? Refusal, int BillingLinesResolved);

/// <summary>
/// Maps a name (as exports or logs write it) to a model of the same provider. Future ingests resolve it; current
/// billing lines whose meter names it are resolved now. Audited.
/// </summary>
public sealed class AddModelAlias(IFinOpsDbContextFactory contexts, IBillingModelResolver resolver, TimeProvider clock)
{
    public async Task<AliasResult> HandleAsync(string provider, string alias, string model, string actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providerRow = await db.Providers.SingleOrDefaultAsync(p => p.Slug == provider.Trim().ToLower(), cancellationToken);
        if (providerRow is null) return new AliasResult(false, $"unknown provider '{provider}'", 0);
        var modelRow = await db.Models.SingleOrDefaultAsync(m => m.ProviderId == providerRow.Id && m.Name == model.Trim(), cancellationToken);
        if (modelRow is null) return new AliasResult(false, $"unknown model '{model}' of {providerRow.Slug}", 0);
        var normalised = alias.Trim().ToLowerInvariant();
        if (normalised.Length == 0) return new AliasResult(false, "the alias is empty", 0);
        var existing = await db.ModelAliases.SingleOrDefaultAsync(a => a.ProviderId == providerRow.Id && a.Alias == normalised, cancellationToken);
        if (existing is { } found && found.ModelId != modelRow.Id)
            return new AliasResult(false, $"'{normalised}' already names another model of {providerRow.Slug}", 0);

        if (existing is null)
        {
            db.ModelAliases.Add(new ModelAlias { ProviderId = providerRow.Id, Alias = normalised, ModelId = modelRow.Id });
            db.AuditLog.Add(new AuditEntry
            {
                OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "model_alias.added", EntityType = "model_alias",
                EntityId = $"{providerRow.Slug}:{normalised}",
                Details = JsonSerializer.Serialize(new { provider = providerRow.Slug, alias = normalised, model = modelRow.Name }),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        var resolved = await resolver.ResolveUnmappedAsync(providerRow.Id, cancellationToken);
        return new AliasResult(existing is null, null, resolved);
    }
}

/// <summary>Re-runs model resolution for a provider's current billing lines that have none yet.</summary>
public interface IBillingModelResolver
{
    Task<int> ResolveUnmappedAsync(int providerId, CancellationToken cancellationToken);
}
