using FinOps.Application.Abstractions;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

public sealed record LoggedUsageDay(string Provider, string Model, DateOnly Day, long Requests, long Tokens);

/// <summary>
/// The logged side of reconciliation for whoever asks, through their tenant scope: a team lead sees their tenants'
/// vendor usage per provider × model × day (the bills are organisation-wide, so they are not shown to them).
/// </summary>
public sealed class GetLoggedUsageByDay(IFinOpsReadDbContextFactory contexts)
{
    public async Task<IReadOnlyList<LoggedUsageDay>> HandleAsync(ChargePeriod chargePeriod, CancellationToken cancellationToken)
    {
        var periodText = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var period = ChargePeriod.Parse(periodText, zone);
        var pools = SelfPaidDeployments.Of(db);
        var hours = await db.UsageHourly.AsNoTracking()
            .Where(h => h.Hour >= period.Start && h.Hour < period.End && !pools.Contains(h.Deployment))
            .GroupBy(h => new { h.ProviderId, h.ModelId, h.Hour })
            .Select(g => new { g.Key.ProviderId, g.Key.ModelId, g.Key.Hour, Requests = g.Sum(h => h.Requests), Tokens = g.Sum(h => h.InputTokens + h.OutputTokens) })
            .ToListAsync(cancellationToken);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Slug, cancellationToken);
        var models = await db.Models.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
        return hours.GroupBy(h => (h.ProviderId, h.ModelId, Day: zone.DayOf(h.Hour)))
            .Select(g => new LoggedUsageDay(providers[g.Key.ProviderId], models[g.Key.ModelId], g.Key.Day, g.Sum(h => h.Requests), g.Sum(h => h.Tokens)))
            .OrderBy(d => d.Provider).ThenBy(d => d.Model).ThenBy(d => d.Day).ToList();
    }
}
