using System.Text.Json;
using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using FinOps.Domain.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

public sealed record ReconciliationCause(string Code, string Explanation);

/// <summary>One provider × model × window of the current run, as the CLI, the export and the pages show it.</summary>
public sealed record ReconciliationLine(
    string Provider, string Model, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    decimal BilledInputTokens, decimal BilledOutputTokens, decimal BilledCachedInputTokens, decimal BilledMixedTokens,
    long LoggedInputTokens, long LoggedOutputTokens, long LoggedCachedInputTokens, long LoggedRequests,
    decimal BilledCost, decimal? ExpectedCost, string Currency, ReconciliationStatus Status, IReadOnlyList<ReconciliationCause> Causes)
{
    /// <summary>Finance's note when the window is acknowledged: it stays visible, and stops alerting.</summary>
    public Acknowledgement? Acknowledged { get; init; }

    public decimal BilledTokens => BilledInputTokens + BilledOutputTokens + BilledCachedInputTokens + BilledMixedTokens;
    public long LoggedTokens => LoggedInputTokens + LoggedOutputTokens + LoggedCachedInputTokens;
}

public sealed record Acknowledgement(string Note, string By, DateTimeOffset At);

public sealed record ReconciliationReport(ReconciliationRun Run, IReadOnlyList<ReconciliationLine> Lines);

/// <summary>The current run of a period at a window size, ordered by provider, model and window.</summary>
public sealed class GetReconciliation(IFinOpsReadDbContextFactory contexts)
{
    public async Task<ReconciliationReport?> HandleAsync(ChargePeriod chargePeriod, WindowKind kind, CancellationToken cancellationToken)
    {
        var period = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var run = await db.ReconciliationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Period == period && r.WindowKind == kind, cancellationToken);
        if (run is null) return null;
        var acks = await db.WindowAcknowledgements.AsNoTracking().ToListAsync(cancellationToken);
        var ackOf = acks.ToDictionary(a => (a.ProviderId, a.Model, a.WindowStart, a.WindowEnd));
        var rows = await db.ReconciliationRows.AsNoTracking().Where(r => r.RunId == run.Id)
            .Join(db.Providers, r => r.ProviderId, p => p.Id, (r, p) => new { Row = r, Provider = p.Slug })
            .OrderBy(x => x.Provider).ThenBy(x => x.Row.Model).ThenBy(x => x.Row.WindowStart)
            .ToListAsync(cancellationToken);
        return new ReconciliationReport(run, rows.Select(x => new ReconciliationLine(
            x.Provider, x.Row.Model, x.Row.WindowStart, x.Row.WindowEnd, x.Row.BilledInputTokens, x.Row.BilledOutputTokens, x.Row.BilledCachedInputTokens,
            x.Row.BilledMixedTokens, x.Row.LoggedInputTokens, x.Row.LoggedOutputTokens, x.Row.LoggedCachedInputTokens, x.Row.LoggedRequests,
            x.Row.BilledCost, x.Row.ExpectedCost, run.Currency, x.Row.Status,
            JsonSerializer.Deserialize<List<CauseJson>>(x.Row.Causes)!.Select(c => new ReconciliationCause(c.code, c.explanation)).ToList())
        {
            Acknowledged = ackOf.TryGetValue((x.Row.ProviderId, x.Row.Model, x.Row.WindowStart, x.Row.WindowEnd), out var a) ? new Acknowledgement(a.Note, a.AcknowledgedBy, a.AcknowledgedAt) : null,
        }).ToList());
    }

    private sealed record CauseJson(string code, string explanation);
}
