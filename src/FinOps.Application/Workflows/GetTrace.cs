using FinOps.Application.Abstractions;
using FinOps.Domain.Pricing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Workflows;

/// <summary>One call of a trace, as logged, with its list cost (null when its model has no card then).</summary>
public sealed record TraceRequest(int Step, DateTimeOffset OccurredAt, string RequestId, string Tenant, string Feature, string Provider, string Model,
    long InputTokens, long CachedInputTokens, long OutputTokens, int? LatencyMs, string? Status, decimal? ListCost);

/// <summary>A trace's calls in the order they ran, and its totals (computed here so a page never sums).</summary>
public sealed record TraceAnswer(string TraceId, string? Workflow, string Currency, IReadOnlyList<TraceRequest> Requests, bool Truncated)
{
    public int Calls => Requests.Count;
    public decimal ListCost => Requests.Sum(r => r.ListCost ?? 0m);
    public long Tokens => Requests.Sum(r => r.InputTokens + r.OutputTokens);
    public TimeSpan Duration => Requests.Count == 0 ? TimeSpan.Zero : Requests[^1].OccurredAt - Requests[0].OccurredAt;
}

/// <summary>
/// A workflow execution's requests in order, through the caller's scope (a trace of a tenant they may not see is not
/// found). At most <see cref="MaxRequests"/> of a runaway's thousands are listed, the rest counted as truncated.
/// </summary>
public sealed class GetTrace(IFinOpsReadDbContextFactory contexts)
{
    public const int MaxRequests = 2_000;

    public async Task<TraceAnswer?> HandleAsync(string traceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var calls = await db.TokenUsage.AsNoTracking().Where(u => u.TraceId == traceId)
            .OrderBy(u => u.OccurredAt).ThenBy(u => u.RequestId).Take(MaxRequests + 1).ToListAsync(cancellationToken);
        if (calls.Count == 0) return null;
        var currency = await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
        var prices = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == currency).ToListAsync(cancellationToken));
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug.Value, cancellationToken);
        var features = await db.Features.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Slug.Value, cancellationToken);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        var models = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        var requests = calls.Take(MaxRequests).Select((u, i) => new TraceRequest(i + 1, u.OccurredAt, u.RequestId, tenants.GetValueOrDefault(u.TenantId, "?"),
                features.GetValueOrDefault(u.FeatureId, "?"), providers.GetValueOrDefault(u.ProviderId, "?"), models.GetValueOrDefault(u.ModelId, "?"),
                u.InputTokens, u.CachedInputTokens, u.OutputTokens, u.LatencyMs, u.Status,
                prices.InForce(new PricedName(u.ModelId, u.ModelAliasId), u.OccurredAt)?.ListCost(u.UncachedInputTokens, u.CachedInputTokens, u.OutputTokens, u.ServiceTier == "batch")))
            .ToList();
        return new TraceAnswer(traceId, calls.Select(c => c.Workflow).FirstOrDefault(w => w is not null), currency, requests, calls.Count > MaxRequests);
    }
}
