using FinOps.Application.Abstractions;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Allocation;

/// <summary>One input row behind a statement line: a bill line (file and line) or an infra pool row.</summary>
public sealed record LineSource(string Kind, string File, long Line, string Description, DateTimeOffset From, DateTimeOffset To, decimal Amount);

/// <summary>
/// The rows a statement line was computed from (finance's drill-down): a direct line's Usage bill lines of its
/// provider and model; a vendor pool's non-usage and unmodelled lines; an infra pool's cost rows. Amounts are the
/// rows' own (their share in the period is what the statement pro-rates).
/// </summary>
public sealed class GetLineSources(IFinOpsReadDbContextFactory contexts)
{
    public async Task<IReadOnlyList<LineSource>> HandleAsync(ChargePeriod chargePeriod, string lineType, string provider, string model, string pool, CancellationToken cancellationToken)
    {
        var periodText = chargePeriod.ToString();
        await using var db = await contexts.CreateAsync(cancellationToken);
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var period = ChargePeriod.Parse(periodText, zone);
        var bills = db.BillingLines.AsNoTracking().Where(l => l.SupersededByFileId == null && l.ChargePeriodEnd > period.Start && l.ChargePeriodStart < period.End)
            .Join(db.IngestionFiles.Where(f => f.Kind != Domain.Ingestion.IngestionKind.VendorUsage), l => l.FileId, f => f.Id, (l, f) => new { l, f.FileName })
            .Join(db.Providers, x => x.l.ProviderId, p => p.Id, (x, p) => new { x.l, x.FileName, Provider = p.Slug });
        if (lineType == "direct")
        {
            var rows = await bills.Where(x => x.Provider == provider && x.l.ChargeCategory == ChargeCategory.Usage)
                .Join(db.Models.Where(m => m.Name == model), x => x.l.ModelId, m => m.Id, (x, _) => x)
                .OrderBy(x => x.l.ChargePeriodStart).Take(200).ToListAsync(cancellationToken);
            return rows.Select(x => new LineSource("bill", x.FileName, x.l.LineNumber, $"{x.l.TokenDirection} {x.l.Quantity:N0} tokens · {x.l.Sku ?? x.l.ModelText}",
                x.l.ChargePeriodStart, x.l.ChargePeriodEnd, x.l.EffectiveCost)).ToList();
        }
        if (pool.StartsWith("vendor:", StringComparison.Ordinal))
        {
            var vendor = pool["vendor:".Length..];
            var rows = await bills.Where(x => x.Provider == vendor && (x.l.ChargeCategory != ChargeCategory.Usage || x.l.ModelId == null || x.l.CommitmentStatus == "Unused"))
                .OrderBy(x => x.l.ChargePeriodStart).Take(200).ToListAsync(cancellationToken);
            return rows.Select(x => new LineSource("bill", x.FileName, x.l.LineNumber, $"{x.l.ChargeCategory} · {x.l.Service} · {x.l.Sku ?? x.l.ModelText}",
                x.l.ChargePeriodStart, x.l.ChargePeriodEnd, x.l.EffectiveCost)).ToList();
        }
        var infra = await db.InfraCosts.AsNoTracking().Where(c => c.Pool == pool && c.PeriodEnd > period.Start && c.PeriodStart < period.End)
            .Join(db.IngestionFiles, c => c.FileId, f => f.Id, (c, f) => new { c, f.FileName }).OrderBy(x => x.c.Category).ToListAsync(cancellationToken);
        return infra.Select(x => new LineSource("infra", x.FileName, x.c.LineNumber, $"{x.c.Category} {x.c.Quantity} {x.c.Unit} {x.c.Description}".Trim(),
            x.c.PeriodStart, x.c.PeriodEnd, x.c.Amount)).ToList();
    }
}
