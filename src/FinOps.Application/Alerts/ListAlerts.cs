using FinOps.Application.Abstractions;
using FinOps.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Alerts;

/// <summary>One alert as listed: <c>kind,tenant,feature,period,crossed_on,threshold,value,reference,score,status</c> plus its id and words.</summary>
public sealed record AlertView(long Id, string Kind, string? Tenant, string? Feature, string? Period, DateOnly? CrossedOn, decimal? Threshold, decimal? Value,
    decimal? Reference, decimal? Score, AlertStatus Status, string Title, DateTimeOffset CreatedAt, string? AcknowledgedBy, string? AcknowledgementNote);

/// <summary>The alerts of a period the caller may see (finance: all; a team lead: their tenants'), optionally of one kind and status.</summary>
public sealed class ListAlerts(IFinOpsReadDbContextFactory contexts)
{
    public const int Limit = 100_000;

    /// <summary>The organisation's currency, in which every alert's money is.</summary>
    public async Task<string> CurrencyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.OrganisationSettings.AsNoTracking().Select(s => s.Currency).SingleAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertView>> HandleAsync(string period, string? kind, AlertStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await db.Alerts.AsNoTracking()
            .Where(a => a.Period == period && (kind == null || a.Kind == kind) && (status == null || a.Status == status))
            .OrderBy(a => a.Kind).ThenBy(a => a.Tenant).ThenBy(a => a.Feature).ThenBy(a => a.CrossedOn).ThenBy(a => a.Threshold).ThenBy(a => a.Id)
            .Take(Limit)
            .Select(a => new AlertView(a.Id, a.Kind, a.Tenant, a.Feature, a.Period, a.CrossedOn, a.Threshold, a.Value, a.Reference, a.Score, a.Status, a.Title,
                a.CreatedAt, a.AcknowledgedBy, a.AcknowledgementNote))
            .ToListAsync(cancellationToken);
    }
}
