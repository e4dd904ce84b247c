using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

public sealed record ReconciliationSummary(long RunId, string Period, WindowKind Kind, int Windows, int Flagged, decimal BilledCost, decimal? Coverage,
    IReadOnlyDictionary<ReconciliationStatus, int> ByStatus);

/// <summary>
/// Reconciles one period at one window size (SEMANTICS §3) and stores the result as the period's current run,
/// replacing the previous one in the same transaction: after an ingest, nightly, or on demand, as often as wanted.
/// Reads the hourly rollup (vendor usage only: usage on a deployment that names an infra pool is self-hosted, on a declared
/// commitment's deployment paid by the hour) and
/// the current Usage bill lines of AI meters; the domain does the arithmetic.
/// </summary>
public sealed class RunReconciliation(IFinOpsDbContextFactory contexts, ReconciliationAlerts alerts, TimeProvider clock)
{
    /// <summary>Data this far outside the period is read too: shifted and straddling windows reach past its edges.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromDays(2);

    public async Task<ReconciliationSummary> HandleAsync(ChargePeriod chargePeriod, WindowKind kind, string trigger, CancellationToken cancellationToken,
        ReconciliationTolerances? tolerances = null)
    {
        var periodText = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var settings = await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken);
        var period = ChargePeriod.Parse(periodText, ReportingTimeZone.FromId(settings.ReportingTimeZone));
        var (from, to) = (period.Start - Margin, period.End + Margin);

        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var models = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        var prices = PriceBook.Of(await db.PriceCards.AsNoTracking().Where(c => c.Currency == settings.Currency).ToListAsync(cancellationToken));

        var lines = await db.BillingLines.AsNoTracking()
            .Where(l => l.SupersededByFileId == null && l.ChargeCategory == ChargeCategory.Usage && l.ChargePeriodEnd >= from && l.ChargePeriodStart < to
                        && (l.ModelId != null || (l.ModelText != null && l.TokenDirection != TokenDirection.None)))
            .Select(l => new { l.ProviderId, l.ModelId, Name = l.Sku ?? l.ModelText, l.ChargePeriodStart, l.ChargePeriodEnd, l.TokenDirection, l.Quantity, l.BilledCost })
            .ToListAsync(cancellationToken);

        var pools = SelfPaidDeployments.Of(db);
        var hours = await db.UsageHourly.AsNoTracking()
            .Where(h => h.Hour >= from && h.Hour < to && !pools.Contains(h.Deployment))
            .GroupBy(h => new { h.ProviderId, h.ModelId, h.ModelAliasId, h.Hour, Batch = h.ServiceTier == "batch" })
            .Select(g => new { g.Key.ProviderId, g.Key.ModelId, g.Key.ModelAliasId, g.Key.Hour, g.Key.Batch, Uncached = g.Sum(h => h.InputTokens - h.CachedInputTokens),
                Cached = g.Sum(h => h.CachedInputTokens), Output = g.Sum(h => h.OutputTokens), Requests = g.Sum(h => h.Requests) })
            .ToListAsync(cancellationToken);

        var result = Reconciler.Run(new ReconciliationInput(
            period, kind,
            lines.Select(l => new BillLine(providers[l.ProviderId].Slug, l.ModelId, l.ModelId is { } id ? models[id] : l.Name ?? "?",
                new TimeWindow(l.ChargePeriodStart, l.ChargePeriodEnd), l.TokenDirection, l.Quantity, l.BilledCost)).ToList(),
            hours.Select(h => new LoggedHour(providers[h.ProviderId].Slug, h.ModelId, models[h.ModelId], h.Hour, h.Uncached, h.Cached, h.Output, h.Requests, h.Batch, h.ModelAliasId)).ToList(),
            prices,
            providers.Values.Where(p => p.BillingDayOffsetHours != 0).ToDictionary(p => p.Slug, p => p.BillingDayOffsetHours),
            tolerances ?? ReconciliationTolerances.Default));

        var providerIds = providers.Values.ToDictionary(p => p.Slug, p => p.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Runs of one period and window replace each other; two at once (two servers, a job and the CLI) take turns.
        await db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtext({"reconciliation:" + period + ":" + kind}))", cancellationToken);
        await db.ReconciliationRuns.Where(r => r.Period == periodText && r.WindowKind == kind).ExecuteDeleteAsync(cancellationToken);
        var run = new ReconciliationRun
        {
            Period = period.ToString(), WindowKind = kind, ComputedAt = clock.GetUtcNow(), Trigger = trigger, Currency = settings.Currency,
            BilledCost = result.BilledCost, CoveredCost = result.CoveredCost, Windows = result.Windows.Count,
            Flagged = result.Windows.Count(w => w.Status != ReconciliationStatus.Matched),
        };
        db.ReconciliationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        db.ReconciliationRows.AddRange(result.Windows.Select(w => new ReconciliationRow
        {
            RunId = run.Id, ProviderId = providerIds[w.Provider], ModelId = w.ModelId, Model = w.Model,
            WindowStart = w.Window.Start, WindowEnd = w.Window.End,
            BilledInputTokens = w.Billed.Input, BilledCachedInputTokens = w.Billed.CachedInput, BilledOutputTokens = w.Billed.Output,
            BilledMixedTokens = w.Billed.Mixed, LoggedInputTokens = w.Logged.UncachedInput, LoggedCachedInputTokens = w.Logged.CachedInput,
            LoggedOutputTokens = w.Logged.Output, LoggedRequests = w.Logged.Requests, BilledCost = w.Billed.Cost,
            ExpectedCost = w.Logged.FullyPriced ? w.Logged.ExpectedCost : null, Status = w.Status,
            Causes = JsonSerializer.Serialize(w.Causes.Select(c => new { code = c.Code, explanation = c.Explanation })),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await alerts.RaiseAsync(run.Id, cancellationToken);

        return new ReconciliationSummary(run.Id, run.Period, kind, run.Windows, run.Flagged, result.BilledCost, result.Coverage,
            result.Windows.GroupBy(w => w.Status).ToDictionary(g => g.Key, g => g.Count()));
    }
}
