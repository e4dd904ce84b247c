using FinOps.Application.Abstractions;
using FinOps.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Reconciliation;

public sealed record WindowBillLine(long FileId, string FileName, long Line, string? Meter, TokenDirection Direction, decimal? Quantity, decimal BilledCost,
    DateTimeOffset ChargeStart, DateTimeOffset ChargeEnd);
public sealed record WindowUsageShare(string Tenant, string Feature, long Requests, long InputTokens, long CachedInputTokens, long OutputTokens);
public sealed record WindowSampleRequest(string Source, string RequestId, DateTimeOffset OccurredAt, string Tenant, string Feature, long InputTokens,
    long CachedInputTokens, long OutputTokens, int? LatencyMs, string? Status);

/// <summary>
/// What a grid cell stands on: its bill lines, the tenants and features behind its logged side, sample requests — none
/// when retention dropped the raw requests of the window's month (<see cref="RawRequestsDropped"/>; its totals stay).
/// </summary>
public sealed record WindowDetail(IReadOnlyList<WindowBillLine> BillLines, IReadOnlyList<WindowUsageShare> TopUsage, IReadOnlyList<WindowSampleRequest> Samples)
{
    public bool RawRequestsDropped { get; init; }
}

/// <summary>
/// The drill-down of one provider × model × window. The logged side goes through the caller's tenant scope (a team
/// lead sees their tenants' requests only); bill lines are organisation-wide and shown to finance.
/// </summary>
public sealed class GetWindowDetail(IFinOpsReadDbContextFactory contexts)
{
    public async Task<WindowDetail> HandleAsync(string provider, string model, DateTimeOffset start, DateTimeOffset end, bool includeBills,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateAsync(cancellationToken);
        var providerRow = await db.Providers.AsNoTracking().SingleAsync(p => p.Slug == provider, cancellationToken);
        var modelId = await db.Models.Where(m => m.ProviderId == providerRow.Id && m.Name == model).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellationToken);
        // Bill lines carry the vendor's own day labels; the provider's offset moves them the way reconciliation does.
        var offset = TimeSpan.FromHours(providerRow.BillingDayOffsetHours);
        var (labelStart, labelEnd) = (start - offset, end - offset);

        var billRows = !includeBills ? [] : await db.BillingLines.AsNoTracking()
            .Where(l => l.ProviderId == providerRow.Id && l.SupersededByFileId == null && l.ChargeCategory == ChargeCategory.Usage
                        && l.ChargePeriodStart < labelEnd && l.ChargePeriodEnd > labelStart
                        && (modelId != null ? l.ModelId == modelId : l.ModelId == null && l.ModelText != null && l.TokenDirection != TokenDirection.None))
            .Join(db.IngestionFiles, l => l.FileId, f => f.Id, (l, f) => new { l.FileId, f.FileName, l.LineNumber, Meter = l.Sku ?? l.ModelText,
                l.TokenDirection, l.Quantity, l.BilledCost, l.ChargePeriodStart, l.ChargePeriodEnd })
            .OrderBy(l => l.ChargePeriodStart).ThenBy(l => l.FileId).ThenBy(l => l.LineNumber).Take(200)
            .ToListAsync(cancellationToken);
        var bills = billRows.Select(l => new WindowBillLine(l.FileId, l.FileName, l.LineNumber, l.Meter, l.TokenDirection, l.Quantity, l.BilledCost,
            l.ChargePeriodStart, l.ChargePeriodEnd)).ToList();
        if (modelId is null) return new WindowDetail(bills, [], []);

        var pools = SelfPaidDeployments.Of(db);
        var topRows = await db.UsageHourly.AsNoTracking()
            .Where(h => h.ProviderId == providerRow.Id && h.ModelId == modelId && h.Hour >= start && h.Hour < end && !pools.Contains(h.Deployment))
            .GroupBy(h => new { h.TenantId, h.FeatureId })
            .Select(g => new { g.Key.TenantId, g.Key.FeatureId, Requests = g.Sum(h => h.Requests), Input = g.Sum(h => h.InputTokens),
                Cached = g.Sum(h => h.CachedInputTokens), Output = g.Sum(h => h.OutputTokens) })
            .OrderByDescending(x => x.Input + x.Output).Take(10)
            .Join(db.Tenants, x => x.TenantId, t => t.Id, (x, t) => new { x, Tenant = t.Slug })
            .Join(db.Features, y => y.x.FeatureId, f => f.Id, (y, f) => new { y.x, y.Tenant, Feature = f.Slug })
            .ToListAsync(cancellationToken);
        var top = topRows.Select(y => new WindowUsageShare(y.Tenant.Value, y.Feature.Value, y.x.Requests, y.x.Input - y.x.Cached, y.x.Cached, y.x.Output));
        // Samples come from the window's heaviest tenant: the primary key (tenant, time) walks its requests in time
        // order and stops at the 20th — never a scan of the whole window's raw requests at page time.
        long? sampled = topRows.MaxBy(y => y.x.Input + y.x.Output)?.x.TenantId;
        var sampleRows = sampled is null ? [] : await db.TokenUsage.AsNoTracking()
            .Where(u => u.TenantId == sampled && u.OccurredAt >= start && u.OccurredAt < end && u.ProviderId == providerRow.Id && u.ModelId == modelId)
            .OrderBy(u => u.OccurredAt).Take(20)
            .Join(db.Tenants, u => u.TenantId, t => t.Id, (u, t) => new { u, Tenant = t.Slug })
            .Join(db.Features, y => y.u.FeatureId, f => f.Id, (y, f) => new { y.u, y.Tenant, Feature = f.Slug })
            .ToListAsync(cancellationToken);
        var samples = sampleRows.Select(y => new WindowSampleRequest(y.u.Source, y.u.RequestId, y.u.OccurredAt, y.Tenant.Value, y.Feature.Value,
            y.u.InputTokens - y.u.CachedInputTokens, y.u.CachedInputTokens, y.u.OutputTokens, y.u.LatencyMs, y.u.Status));
        var month = new DateOnly(start.UtcDateTime.Year, start.UtcDateTime.Month, 1);
        return new WindowDetail(bills, top.OrderByDescending(t => t.InputTokens + t.CachedInputTokens + t.OutputTokens).ToList(),
            samples.OrderBy(s => s.OccurredAt).ToList())
        {
            RawRequestsDropped = await db.DroppedUsageMonths.AnyAsync(d => d.Month >= month, cancellationToken),
        };
    }
}
