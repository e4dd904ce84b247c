using System.Globalization;
using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Allocation;
using FinOps.Domain.Audit;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <param name="Warnings">What finance should know but need not fix to close (e.g. tenants invoiced without a billing profile).</param>
public sealed record CloseOutcome(bool Closed, string? Refusal, IReadOnlyList<string> Blockers, decimal Total, string Currency, int Lines,
    IReadOnlyList<string>? Warnings = null);

public sealed record PeriodView(string Period, string Status, decimal? Total, string? Currency, int AdjustmentLines, DateTimeOffset? ClosedAt, string? ClosedBy);

/// <summary>
/// Closes a period (SEMANTICS §1, §7): only after every earlier period holding data is closed; blockers (unmapped
/// models, unallocated pools, unacknowledged mismatch/unlogged windows) refuse it unless acknowledged with a reason.
/// The fresh statements are frozen with the hashes of every input file, the rule versions and the price cards.
/// </summary>
public sealed class ClosePeriod(IFinOpsDbContextFactory contexts, ComputeStatements statements, RunReconciliation reconcile, Costs.RefreshCostSeries series,
    TimeProvider clock)
{
    public async Task<CloseOutcome> PreviewAsync(ChargePeriod period, CancellationToken cancellationToken) => await CloseAsync(period, null, "preview", commit: false, cancellationToken);

    public Task<CloseOutcome> HandleAsync(ChargePeriod chargePeriod, string? acknowledgement, string actor, CancellationToken cancellationToken) =>
        CloseAsync(chargePeriod, acknowledgement, actor, commit: true, cancellationToken);

    private async Task<CloseOutcome> CloseAsync(ChargePeriod chargePeriod, string? acknowledgement, string actor, bool commit, CancellationToken cancellationToken)
    {
        var periodText = chargePeriod.ToString();
        var closes = new PeriodCloses(contexts);
        if (await closes.IsClosedAsync(periodText, cancellationToken)) return Refused($"period {periodText} is closed already");
        var open = await OpenEarlierPeriodsWithDataAsync(periodText, cancellationToken);
        if (open.Count > 0) return Refused($"earlier period(s) holding data are not closed: {string.Join(", ", open)} (periods close in order)");

        await reconcile.HandleAsync(chargePeriod, WindowKind.Day, "close", cancellationToken);
        var summary = await statements.HandleAsync(chargePeriod, "close", cancellationToken);
        var blockers = await BlockersAsync(periodText, cancellationToken);
        if (!commit) return new CloseOutcome(false, null, blockers, summary.Total, summary.Currency, summary.Lines);
        if (blockers.Count > 0 && string.IsNullOrWhiteSpace(acknowledgement))
            return new CloseOutcome(false, $"{blockers.Count} blocker(s); acknowledge them with a reason to close anyway", blockers, summary.Total, summary.Currency, summary.Lines);

        await using var db = await contexts.CreateAsync(cancellationToken);
        var run = await db.StatementRuns.AsNoTracking().SingleAsync(r => r.Period == periodText, cancellationToken);
        var lines = await db.StatementLines.AsNoTracking().Where(l => l.RunId == run.Id).ToListAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var period = ChargePeriod.Parse(periodText, zone);
        var files = await db.IngestionFiles.AsNoTracking()
            .Where(f => (f.Status == Domain.Ingestion.IngestionStatus.Stored || f.Status == Domain.Ingestion.IngestionStatus.Superseded)
                        && (f.DataFrom == null || (f.DataFrom < period.End && f.DataTo >= period.Start)))
            .OrderBy(f => f.Id).Select(f => new { id = f.Id, name = f.FileName, sha256 = f.Sha256 }).ToListAsync(cancellationToken);
        var inputs = JsonDocument.Parse(run.Inputs).RootElement;
        var cardIds = inputs.GetProperty("price_cards").EnumerateArray().Select(e => e.GetInt32()).ToHashSet();
        var cards = (await db.PriceCards.AsNoTracking().ToListAsync(cancellationToken)).Where(c => cardIds.Contains(c.Id))
            .Select(c => new PeriodCloses.CardJson(c.ModelId, c.EffectiveFrom, c.InputPerMTok, c.CachedInputPerMTok, c.OutputPerMTok, c.Currency,
                c.BatchDiscountPct, c.ModelAliasId));
        var usedRules = lines.Where(l => l.RuleId is not null && l.RuleVersion > 0).Select(l => new { id = l.RuleId!, version = l.RuleVersion!.Value }).Distinct().ToList();
        // Rules in force with no line yet still decide a recomputation: freeze every current version.
        var currentRules = (await db.AllocationRules.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(r => r.RuleId)
            .Select(g => g.MaxBy(r => r.Version)!).Select(r => new { id = r.RuleId, version = r.Version });

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PeriodCloses.Add(new PeriodClose
        {
            Period = periodText, ClosedAt = clock.GetUtcNow(), ClosedBy = actor, Currency = run.Currency, Total = run.Total,
            Acknowledgement = blockers.Count > 0 ? acknowledgement!.Trim() : null,
            Snapshot = JsonSerializer.Serialize(new
            {
                blockers, files, rules = usedRules.Union(currentRules).Distinct(), price_cards = cards,
                // Like its rules, the key mappings and declared commitments it was computed with: a later change never re-rates it.
                key_mappings = (await ComputeStatements.KeyMappingsAsync(contexts, cancellationToken)).Select(PeriodCloses.KeyJson.Of),
                commitments = (await ComputeStatements.DeclaredCommitmentsAsync(contexts, cancellationToken)).Select(PeriodCloses.CommitmentJson.Of),
            }),
        });
        await db.SaveChangesAsync(cancellationToken);
        db.ClosedStatementLines.AddRange(lines.Select(l => l.FrozenFor(periodText)));
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(), Actor = actor, Action = "period.closed", EntityType = "period", EntityId = periodText,
            Details = JsonSerializer.Serialize(new { total = run.Total, currency = run.Currency, lines = lines.Count, blockers, acknowledgement,
                adjustments = lines.Where(l => l.AdjustsPeriod is not null).Select(l => new { l.LineKey, l.AdjustsPeriod, l.Amount }) }),
        });
        await db.SaveChangesAsync(cancellationToken);
        // The period's invoice drafts are born with the close, in its transaction (SEMANTICS §7).
        await Invoicing.InvoiceDrafts.AddMissingAsync(db, periodText, actor, clock.GetUtcNow(), cancellationToken);
        var warnings = await Invoicing.BillingProfiles.MissingProfilesAsync(db, periodText, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The series freezes with the close (its days then add up to the frozen statement); should this fail, the next reader freezes it.
        await series.HandleAsync(chargePeriod, cancellationToken);
        return new CloseOutcome(true, null, blockers, run.Total, run.Currency, lines.Count, warnings);

        CloseOutcome Refused(string why) => new(false, why, [], 0m, "", 0);
    }

    private async Task<List<string>> BlockersAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return (await CloseBlockers.ListAsync(db, period, cancellationToken)).Select(b => b.Text).ToList();
    }

    private async Task<List<string>> OpenEarlierPeriodsWithDataAsync(string period, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var start = ChargePeriod.Parse(period, zone).Start;
        var first = new[]
        {
            await db.UsageHourly.Where(h => h.Hour < start).MinAsync(h => (DateTimeOffset?)h.Hour, cancellationToken),
            await db.BillingLines.Where(l => l.SupersededByFileId == null && l.ChargePeriodStart < start).MinAsync(l => (DateTimeOffset?)l.ChargePeriodStart, cancellationToken),
            await db.InfraCosts.Where(c => c.PeriodStart < start).MinAsync(c => (DateTimeOffset?)c.PeriodStart, cancellationToken),
        }.Where(d => d is not null).Min();
        if (first is null) return [];
        var closed = (await db.PeriodCloses.Select(c => c.Period).ToListAsync(cancellationToken)).ToHashSet();
        var open = new List<string>();
        for (var p = ChargePeriod.Containing(first.Value, zone); p.Start < start; p = p.Next())
        {
            if (closed.Contains(p.ToString())) continue;
            var (from, to) = (p.Start, p.End);
            var hasData = await db.UsageHourly.AnyAsync(h => h.Hour >= from && h.Hour < to, cancellationToken)
                          || await db.BillingLines.AnyAsync(l => l.SupersededByFileId == null && l.ChargePeriodStart >= from && l.ChargePeriodStart < to, cancellationToken)
                          || await db.InfraCosts.AnyAsync(c => c.PeriodStart < to && c.PeriodEnd > from, cancellationToken);
            if (hasData) open.Add(p.ToString());
        }
        return open;
    }
}

/// <summary><c>./finops periods</c>: every period with data or a close, its status, total and adjustment lines.</summary>
public sealed class ListPeriods(IFinOpsDbContextFactory contexts)
{
    public async Task<IReadOnlyList<PeriodView>> HandleAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var closes = await db.PeriodCloses.AsNoTracking().ToListAsync(cancellationToken);
        var runs = await db.StatementRuns.AsNoTracking().ToListAsync(cancellationToken);
        var closedAdjustments = await db.ClosedStatementLines.Where(l => l.AdjustsPeriod != null).GroupBy(l => l.Period).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var openAdjustments = await db.StatementLines.Where(l => l.AdjustsPeriod != null)
            .Join(db.StatementRuns, l => l.RunId, r => r.Id, (l, r) => r.Period).GroupBy(p => p).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        // Periods holding data are listed even before their first statements, so they can be closed in order.
        var zone = Domain.Periods.ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var months = (await db.UsageHourly.Select(h => h.Hour).Select(h => new { h.Year, h.Month }).Distinct().ToListAsync(cancellationToken))
            .Select(m => new DateTimeOffset(m.Year, m.Month, 1, 0, 0, 0, TimeSpan.Zero))
            .Concat(await db.BillingLines.Where(l => l.SupersededByFileId == null).Select(l => l.ChargePeriodStart).Distinct().ToListAsync(cancellationToken))
            .Select(instant => Domain.Periods.ChargePeriod.Containing(instant, zone).ToString());
        return closes.Select(c => c.Period).Union(runs.Select(r => r.Period)).Union(months).Distinct().Order(StringComparer.Ordinal)
            .Select(p => closes.SingleOrDefault(c => c.Period == p) is { } c
                ? new PeriodView(p, "closed", c.Total, c.Currency, closedAdjustments.GetValueOrDefault(p), c.ClosedAt, c.ClosedBy)
                : runs.SingleOrDefault(r => r.Period == p) is { } r
                    ? new PeriodView(p, "open", r.Total, r.Currency, openAdjustments.GetValueOrDefault(p), null, null)
                    : new PeriodView(p, "open", null, null, 0, null, null))
            .ToList();
    }
}

/// <summary>A closed period's frozen lines, in the shape of an open period's run (for exports).</summary>
public sealed class GetClosedStatements(IFinOpsDbContextFactory contexts)
{
    public async Task<(StatementRun Run, IReadOnlyList<StatementRecord> Lines)?> HandleAsync(ChargePeriod chargePeriod, string? tenant, CancellationToken cancellationToken)
    {
        var period = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var close = await db.PeriodCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Period == period, cancellationToken);
        if (close is null) return null;
        var lines = await db.ClosedStatementLines.AsNoTracking().Where(l => l.Period == period && (tenant == null || l.Tenant == tenant))
            .OrderBy(l => l.LineKey).ToListAsync(cancellationToken);
        var run = new StatementRun { Period = period, ComputedAt = close.ClosedAt, Trigger = "close", Currency = close.Currency, CostTotal = close.Total, ExactTotal = close.Total, Total = close.Total, Inputs = close.Snapshot };
        return (run, lines.Select(l => l.AsRunLine()).ToList());
    }
}
