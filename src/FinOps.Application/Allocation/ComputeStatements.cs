using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

public sealed record StatementSummary(long RunId, string Period, int Lines, decimal CostTotal, decimal Total, string Currency, IReadOnlyList<string> Warnings);

/// <summary>
/// A period's statements (SEMANTICS §4–§7): aggregates from the rollup and the bill and infra tables, the domain's
/// allocation, the identity checked (a failure is an error), and the result stored with the rule versions and price
/// cards it used, replacing the period's previous run.
/// </summary>
public sealed class ComputeStatements(IFinOpsDbContextFactory contexts, ManageRules rules, TimeProvider clock)
{
    private static readonly TimeSpan Margin = TimeSpan.FromDays(2);

    public async Task<StatementSummary> HandleAsync(ChargePeriod chargePeriod, string trigger, CancellationToken cancellationToken)
    {
        var periodText = chargePeriod.ToString();
        var closes = new PeriodCloses(contexts);
        if (await closes.IsClosedAsync(periodText, cancellationToken))
            throw new PeriodClosedException(periodText, await closes.FirstOpenAfterAsync(periodText, cancellationToken));

        var adjustments = await AdjustmentsAsync(periodText, cancellationToken);
        var (result, period, currency, cards) = await AllocateAsync(periodText, null, null, adjustments, cancellationToken);
        await using var db = await contexts.CreateAsync(cancellationToken);
        if (!result.IdentityHolds)
            throw new InvalidOperationException($"statements of {period} break the identity: lines hold {result.ExactTotal} of {result.CostTotal}, rounded {result.Lines.Sum(l => l.Amount)} of {result.Total}");

        var usedRules = result.Lines.Where(l => l.RuleId is not null && l.RuleVersion > 0).Select(l => new { id = l.RuleId, version = l.RuleVersion }).Distinct();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext({"statements:" + period}))", cancellationToken);
        await db.StatementRuns.Where(r => r.Period == periodText).ExecuteDeleteAsync(cancellationToken);
        var run = new StatementRun
        {
            Period = period.ToString(), ComputedAt = clock.GetUtcNow(), Trigger = trigger, Currency = currency.Code, CostTotal = result.CostTotal,
            ExactTotal = result.ExactTotal, Total = result.Total,
            Inputs = JsonSerializer.Serialize(new
            {
                rules = usedRules, price_cards = cards.Select(c => c.Id).Order(), adjustments = adjustments.Count,
                commitments = result.Commitments.Select(CommitmentUseJson.Of),
            }),
        };
        db.StatementRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.StatementLines.AddRange(result.Lines.Select(l => new StatementRecord
        {
            RunId = run.Id, LineKey = l.Key, LineType = l.Type, Tenant = l.Tenant, Feature = l.Feature, Provider = l.Provider, Model = l.Model, Pool = l.Pool,
            RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share,
            InputTokens = l.InputTokens, CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, ExactAmount = l.ExactAmount, Amount = l.Amount,
            AdjustsPeriod = l.AdjustsPeriod, KeyAmount = l.KeyAmount, AttributionKeys = l.Keys,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new StatementSummary(run.Id, run.Period, result.Lines.Count, result.CostTotal, result.Total, currency.Code, result.Warnings);
    }

    /// <summary>Closed periods whose first open successor is this one: their late data is booked here as adjustments (§7).</summary>
    internal async Task<IReadOnlyList<Adjustment>> AdjustmentsAsync(string periodText, CancellationToken cancellationToken)
    {
        var closes = new PeriodCloses(contexts);
        var adjustments = new List<Adjustment>();
        foreach (var closed in await closes.ClosedBeforeWithFirstOpenAsync(periodText, cancellationToken))
        {
            var snapshot = await closes.SnapshotAsync(closed, cancellationToken);
            var recomputed = await AllocateAsync(closed, snapshot.Prices, snapshot.Rules, [], cancellationToken, snapshot);
            adjustments.AddRange(Adjustments.For(closed, recomputed.Result.Lines, snapshot.Lines, snapshot.AlreadyAdjusted));
        }
        return adjustments;
    }

    /// <summary>The allocation of a period from the stored aggregates; a closed period is recomputed with the prices and rules it was closed with.</summary>
    internal async Task<(AllocationResult Result, ChargePeriod Period, Currency Currency, IReadOnlyList<Domain.Catalog.PriceCard> Cards)> AllocateAsync(
        string periodText, IReadOnlyList<Domain.Catalog.PriceCard>? pricesOverride, IReadOnlyList<AllocationRule>? rulesOverride, IReadOnlyList<Adjustment> adjustments,
        CancellationToken cancellationToken, CloseSnapshot? frozen = null)
    {
        var (input, cards) = await InputAsync(periodText, pricesOverride, rulesOverride, adjustments, cancellationToken, frozen);
        return (Allocator.Run(input), input.Period, input.Currency, cards);
    }

    /// <summary>Everything a period's allocation reads, loaded once: statements run it whole, costs to date once per day.</summary>
    /// <param name="frozen">A closed period's snapshot: its key mappings and commitments replace the current ones (its prices and rules come as overrides).</param>
    internal async Task<(AllocationInput Input, IReadOnlyList<Domain.Catalog.PriceCard> Cards)> InputAsync(
        string periodText, IReadOnlyList<Domain.Catalog.PriceCard>? pricesOverride, IReadOnlyList<AllocationRule>? rulesOverride, IReadOnlyList<Adjustment> adjustments,
        CancellationToken cancellationToken, CloseSnapshot? frozen = null)
    {
        // Independent reads run side by side, each on its own context: a day's refresh waits for the slowest, not their sum.
        async Task<T> ReadAsync<T>(Func<IFinOpsDbContext, Task<T>> query)
        {
            await using var context = await contexts.CreateAsync(cancellationToken);
            return await query(context);
        }
        var rulesTask = rulesOverride is null ? rules.CurrentAsync(cancellationToken) : Task.FromResult(rulesOverride);
        var settings = await ReadAsync(db => db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken));
        var period = ChargePeriod.Parse(periodText, ReportingTimeZone.FromId(settings.ReportingTimeZone));
        var currency = Currency.FromCode(settings.Currency);
        var (from, to) = (period.Start - Margin, period.End + Margin);

        var providersTask = ReadAsync(db => db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken));
        var modelsTask = ReadAsync(db => db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken));
        var tenantsTask = ReadAsync(async db => (await db.Tenants.AsNoTracking().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Slug.Value));
        var featuresTask = ReadAsync(async db => (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Id, f => f.Slug.Value));
        var cardsTask = pricesOverride is not null ? Task.FromResult(pricesOverride)
            : ReadAsync<IReadOnlyList<Domain.Catalog.PriceCard>>(async db => await db.PriceCards.AsNoTracking().Where(c => c.Currency == settings.Currency).ToListAsync(cancellationToken));
        // The rollup's rows as stored (one per service tier); merged into batch / not batch below, where it is ten times
        // cheaper than a GROUP BY in the database over the month's rows.
        var usageTask = ReadAsync(db => db.UsageHourly.AsNoTracking().Where(h => h.Hour >= period.Start && h.Hour < period.End)
            .Select(h => new { h.TenantId, h.FeatureId, h.ProviderId, h.ModelId, h.ModelAliasId, h.Deployment, Batch = h.ServiceTier == "batch", h.Hour,
                Uncached = h.InputTokens - h.CachedInputTokens, Cached = h.CachedInputTokens, Output = h.OutputTokens, h.Requests, Gpu = h.GpuSeconds })
            .ToListAsync(cancellationToken));
        // Vendor keys matter only once finance mapped one: without mappings no line's tags are read at all.
        var mappings = frozen?.KeyMappings ?? await KeyMappingsAsync(contexts, cancellationToken);
        var withKeys = mappings.Count > 0;
        var billsTask = ReadAsync(db => db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ChargePeriodEnd >= from && l.ChargePeriodStart < to)
            .Join(db.IngestionFiles, l => l.FileId, f => f.Id, (l, f) => new { l, f.Kind })
            .Where(x => x.Kind != Domain.Ingestion.IngestionKind.VendorUsage) // usage reports count tokens, not money
            .Select(x => new { x.l.ProviderId, x.l.ModelId, x.l.ChargePeriodStart, x.l.ChargePeriodEnd, x.l.ChargeCategory, x.l.TokenDirection, x.l.EffectiveCost, x.l.CommitmentStatus,
                // Tags are read where they matter: a mapped key could name the line's tenant, or the line pays for a commitment.
                Tags = (withKeys && x.l.ChargeCategory == ChargeCategory.Usage && x.l.ModelId != null)
                       || x.l.CommitmentStatus != null ? x.l.Tags : null })
            .ToListAsync(cancellationToken));
        var infraTask = ReadAsync(db => db.InfraCosts.AsNoTracking().Where(c => c.PeriodEnd > period.Start && c.PeriodStart < period.End).ToListAsync(cancellationToken));
        await Task.WhenAll(rulesTask, providersTask, modelsTask, tenantsTask, featuresTask, cardsTask, usageTask, billsTask, infraTask);
        var (inForce, providers, models, tenants, features, cards, bills, infra) =
            (rulesTask.Result, providersTask.Result, modelsTask.Result, tenantsTask.Result, featuresTask.Result, cardsTask.Result, billsTask.Result, infraTask.Result);
        var usage = usageTask.Result
            .GroupBy(h => new { h.TenantId, h.FeatureId, h.ProviderId, h.ModelId, h.ModelAliasId, h.Deployment, h.Batch, h.Hour })
            .Select(g => new { g.Key.TenantId, g.Key.FeatureId, g.Key.ProviderId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Deployment, g.Key.Batch, g.Key.Hour,
                Uncached = g.Sum(h => h.Uncached), Cached = g.Sum(h => h.Cached), Output = g.Sum(h => h.Output), Requests = g.Sum(h => h.Requests), Gpu = g.Sum(h => h.Gpu) })
            .ToList();

        var input = new AllocationInput(
            period, currency,
            usage.Select(u => new UsageCell(tenants[u.TenantId], features[u.FeatureId], providers[u.ProviderId].Slug, models[u.ModelId], u.ModelId, u.Deployment, u.Batch,
                u.Hour, u.Uncached, u.Cached, u.Output, u.Requests, u.Gpu, u.ModelAliasId)).ToList(),
            bills.Select(b =>
            {
                var tags = b.Tags is null ? null : BillTags.Parse(b.Tags);
                return new CostLine(providers[b.ProviderId].Slug, b.ModelId, b.ModelId is { } id ? models[id] : null,
                    new TimeWindow(b.ChargePeriodStart, b.ChargePeriodEnd), b.ChargeCategory, b.TokenDirection, b.EffectiveCost,
                    string.Equals(b.CommitmentStatus, "Unused", StringComparison.OrdinalIgnoreCase),
                    tags is null ? null : AttributionKeys.FromTags(providers[b.ProviderId].Slug, tags), tags is null ? null : Commitments.IdOf(tags));
            }).ToList(),
            infra.Select(c => new InfraCostLine(c.Pool, c.Category, new TimeWindow(c.PeriodStart, c.PeriodEnd), c.Amount, c.Quantity)).ToList(),
            inForce,
            PriceBook.Of(cards),
            providers.Values.Where(p => p.BillingDayOffsetHours != 0).ToDictionary(p => p.Slug, p => p.BillingDayOffsetHours))
        {
            Adjustments = adjustments,
            KeyMappings = mappings,
            Commitments = frozen?.Commitments ?? await DeclaredCommitmentsAsync(contexts, cancellationToken),
        };
        return (input, cards);
    }

    /// <summary>Every declared commitment version, by provider slug.</summary>
    internal static async Task<IReadOnlyList<DeclaredCommitment>> DeclaredCommitmentsAsync(IFinOpsDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Commitments.AsNoTracking().Join(db.Providers, c => c.ProviderId, p => p.Id,
                (c, p) => new DeclaredCommitment(p.Slug, c.Commitment, c.Deployment, c.CapacityTokensPerMinute, c.EffectiveFrom))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every version of finance's key mappings, by slugs (SEMANTICS §4 step 0).</summary>
    internal static async Task<IReadOnlyList<KeyMapping>> KeyMappingsAsync(IFinOpsDbContextFactory contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        // Mappings are the organisation's: a mapping to a tenant outside the caller's scope still takes that tenant's lines away from others.
        var rows = await db.VendorAttributionKeys.AsNoTracking().IgnoreQueryFilters()
            .Join(db.Providers, k => k.ProviderId, p => p.Id, (k, p) => new { k.KeyType, k.KeyValue, k.EffectiveFrom, k.TenantId, k.FeatureId, Provider = p.Slug })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0) return [];
        var tenants = (await db.Tenants.AsNoTracking().IgnoreQueryFilters().Select(t => new { t.Id, t.Slug }).ToListAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Slug.Value);
        var features = (await db.Features.AsNoTracking().Select(f => new { f.Id, f.Slug }).ToListAsync(cancellationToken)).ToDictionary(f => f.Id, f => f.Slug.Value);
        return rows.Select(r => new KeyMapping(new AttributionKey(r.Provider, r.KeyType, r.KeyValue), r.TenantId is { } t ? tenants[t] : null,
            r.FeatureId is { } f ? features[f] : null, r.EffectiveFrom)).ToList();
    }
}

/// <summary>The stored statement lines of a period, optionally of one tenant, in key order.</summary>
public sealed class GetStatements(IFinOpsDbContextFactory contexts)
{
    public async Task<(StatementRun Run, IReadOnlyList<StatementRecord> Lines)?> HandleAsync(ChargePeriod chargePeriod, string? tenant, CancellationToken cancellationToken)
    {
        var period = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var run = await db.StatementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period, cancellationToken);
        if (run is null) return null;
        var lines = await db.StatementLines.AsNoTracking().Where(l => l.RunId == run.Id && (tenant == null || l.Tenant == tenant))
            .OrderBy(l => l.LineKey).ToListAsync(cancellationToken);
        return (run, lines);
    }
}
