using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Catalog;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

public sealed class PeriodClosedException(string period, string nextOpen)
    : InvalidOperationException($"period {period} is closed: late data for it becomes adjustment lines in {nextOpen}")
{
    public string Period { get; } = period;
    public string NextOpen { get; } = nextOpen;
}

/// <summary>What a close froze, read back: the prices and rules it was computed with, its lines, and its adjustments booked since.</summary>
public sealed record CloseSnapshot(IReadOnlyList<PriceCard> Prices, IReadOnlyList<AllocationRule> Rules, IReadOnlyList<StatementLine> Lines,
    IReadOnlyDictionary<string, decimal> AlreadyAdjusted)
{
    /// <summary>The key mappings and declared commitments the close was computed with (none for closes made before they existed).</summary>
    public IReadOnlyList<Domain.Billing.KeyMapping> KeyMappings { get; init; } = [];
    public IReadOnlyList<Domain.Billing.DeclaredCommitment> Commitments { get; init; } = [];
}

/// <summary>The close facts the statement computation and the close itself read.</summary>
internal sealed class PeriodCloses(IFinOpsDbContextFactory contexts)
{
    public async Task<bool> IsClosedAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.PeriodCloses.AnyAsync(c => c.Period == period, cancellationToken);
    }

    public async Task<string> FirstOpenAfterAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var closed = (await db.PeriodCloses.Select(c => c.Period).ToListAsync(cancellationToken)).ToHashSet();
        var next = Next(period);
        while (closed.Contains(next)) next = Next(next);
        return next;
    }

    /// <summary>Closed periods before <paramref name="period"/> with only closed periods between them and it.</summary>
    public async Task<IReadOnlyList<string>> ClosedBeforeWithFirstOpenAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var closed = (await db.PeriodCloses.Select(c => c.Period).ToListAsync(cancellationToken)).ToHashSet();
        var result = new List<string>();
        for (var p = Previous(period); closed.Contains(p); p = Previous(p)) result.Add(p);
        result.Reverse();
        return result;
    }

    public async Task<CloseSnapshot> SnapshotAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var close = await db.PeriodCloses.AsNoTracking().SingleAsync(c => c.Period == period, cancellationToken);
        var snapshot = JsonSerializer.Deserialize<SnapshotJson>(close.Snapshot)!;
        var versions = snapshot.rules.Select(r => (r.id, r.version)).ToHashSet();
        var stored = await db.AllocationRules.AsNoTracking().ToListAsync(cancellationToken);
        var rules = stored.Where(r => versions.Contains((r.RuleId, r.Version))).Select(RuleDocument.FromStored).ToList();
        var lines = await db.ClosedStatementLines.AsNoTracking().Where(l => l.Period == period).ToListAsync(cancellationToken);
        var adjusted = await db.ClosedStatementLines.AsNoTracking().Where(l => l.AdjustsPeriod == period).ToListAsync(cancellationToken);
        return new CloseSnapshot(
            snapshot.price_cards.Select(c => new PriceCard
            {
                ModelId = c.model_id, ModelAliasId = c.model_alias_id, EffectiveFrom = c.effective_from, InputPerMTok = c.input, CachedInputPerMTok = c.cached, OutputPerMTok = c.output,
                Currency = c.currency, BatchDiscountPct = c.batch, CreatedAt = close.ClosedAt, CreatedBy = "snapshot",
            }).ToList(),
            rules,
            lines.Select(ToLine).ToList(),
            adjusted.GroupBy(l => Adjustments.Identity(l.Tenant, l.Feature, l.Provider, l.Model, l.Pool)).ToDictionary(g => g.Key, g => g.Sum(l => l.ExactAmount)))
        {
            KeyMappings = (snapshot.key_mappings ?? []).Select(k => k.ToMapping()).ToList(),
            Commitments = (snapshot.commitments ?? []).Select(c => c.ToCommitment()).ToList(),
        };
    }

    internal static StatementLine ToLine(ClosedStatementLine l) => new(l.LineType, l.Tenant, l.Feature, l.Provider, l.Model, l.Pool, l.RuleId, l.RuleVersion, l.Driver,
        l.DriverQuantity, l.Share, l.InputTokens, l.CachedInputTokens, l.OutputTokens, l.ExactAmount, l.Amount, l.AdjustsPeriod, l.KeyAmount, l.AttributionKeys);

    internal static string Next(string period) => DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    internal static string Previous(string period) => DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    internal sealed record SnapshotJson(List<string> blockers, List<FileJson> files, List<RuleJson> rules, List<CardJson> price_cards,
        List<KeyJson>? key_mappings = null, List<CommitmentJson>? commitments = null);

    /// <summary>A frozen key mapping (absent from closes made before vendor keys existed).</summary>
    internal sealed record KeyJson(string provider, string kind, string value, string? tenant, string? feature, DateOnly effective_from)
    {
        public static KeyJson Of(Domain.Billing.KeyMapping m) => new(m.Key.Provider, m.Key.Kind, m.Key.Value, m.Tenant, m.Feature, m.EffectiveFrom);
        public Domain.Billing.KeyMapping ToMapping() => new(new Domain.Billing.AttributionKey(provider, kind, value), tenant, feature, effective_from);
    }

    /// <summary>A frozen commitment declaration (absent from closes made before commitments existed).</summary>
    internal sealed record CommitmentJson(string provider, string commitment, string deployment, decimal capacity_tokens_per_minute, DateOnly effective_from)
    {
        public static CommitmentJson Of(Domain.Billing.DeclaredCommitment c) => new(c.Provider, c.Id, c.Deployment, c.CapacityTokensPerMinute, c.EffectiveFrom);
        public Domain.Billing.DeclaredCommitment ToCommitment() => new(provider, commitment, deployment, capacity_tokens_per_minute, effective_from);
    }
    internal sealed record FileJson(long id, string name, string sha256);
    internal sealed record RuleJson(string id, int version);
    /// <summary>A frozen card; <c>model_alias_id</c> (the snapshot name it prices) is absent from closes made before snapshot prices existed.</summary>
    internal sealed record CardJson(int model_id, DateTimeOffset effective_from, decimal input, decimal cached, decimal output, string currency, decimal? batch,
        int? model_alias_id = null);
}
