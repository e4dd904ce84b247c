using System.Globalization;
using FinOps.Application.Abstractions;
using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.Invoicing;

/// <summary>
/// Where a period's amounts came from, in the words an invoice appendix uses: for each provider × model (vendor
/// usage), each vendor's shared charges and each infra pool, the input files and line ranges behind it. Read once
/// per period (a handful of grouped queries), shared by every invoice of the period.
/// </summary>
public sealed class InvoiceProvenance
{
    private readonly Dictionary<string, string> _sources;

    private InvoiceProvenance(Dictionary<string, string> sources) => _sources = sources;

    public static readonly InvoiceProvenance None = new([]);

    public string? For(StatementLine line) => line.Type == LineType.Adjustment ? null
        : line.Pool.Length == 0 ? _sources.GetValueOrDefault($"direct|{line.Provider}|{line.Model}")
        : _sources.GetValueOrDefault($"pool|{line.Pool}");

    public static async Task<InvoiceProvenance> ForPeriodAsync(IFinOpsDbContext db, string period, CancellationToken cancellationToken)
    {
        var zone = ReportingTimeZone.FromId((await db.OrganisationSettings.AsNoTracking().SingleAsync(cancellationToken)).ReportingTimeZone);
        var window = ChargePeriod.Parse(period, zone);
        var bills = db.BillingLines.AsNoTracking().Where(l => l.SupersededByFileId == null && l.ChargePeriodEnd > window.Start && l.ChargePeriodStart < window.End)
            .Join(db.IngestionFiles.Where(f => f.Kind != Domain.Ingestion.IngestionKind.VendorUsage), l => l.FileId, f => f.Id, (l, f) => new { l, f.FileName })
            .Join(db.Providers, x => x.l.ProviderId, p => p.Id, (x, p) => new { x.l, x.FileName, Provider = p.Slug });
        var usage = await bills.Where(x => x.l.ChargeCategory == ChargeCategory.Usage && x.l.ModelId != null && x.l.CommitmentStatus != "Unused")
            .Join(db.Models, x => x.l.ModelId, m => m.Id, (x, m) => new { x.Provider, Model = m.Name, x.FileName, x.l.LineNumber })
            .GroupBy(x => new { x.Provider, x.Model, x.FileName })
            .Select(g => new { g.Key.Provider, g.Key.Model, g.Key.FileName, From = g.Min(x => x.LineNumber), To = g.Max(x => x.LineNumber), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var shared = await bills.Where(x => x.l.ChargeCategory != ChargeCategory.Usage || x.l.ModelId == null || x.l.CommitmentStatus == "Unused")
            .GroupBy(x => new { x.Provider, x.FileName })
            .Select(g => new { g.Key.Provider, g.Key.FileName, From = g.Min(x => x.l.LineNumber), To = g.Max(x => x.l.LineNumber), Count = g.Count() })
            .ToListAsync(cancellationToken);
        var infra = await db.InfraCosts.AsNoTracking().Where(c => c.PeriodEnd > window.Start && c.PeriodStart < window.End)
            .Join(db.IngestionFiles, c => c.FileId, f => f.Id, (c, f) => new { c.Pool, f.FileName, c.LineNumber })
            .GroupBy(x => new { x.Pool, x.FileName })
            .Select(g => new { g.Key.Pool, g.Key.FileName, From = g.Min(x => x.LineNumber), To = g.Max(x => x.LineNumber), Count = g.Count() })
            .ToListAsync(cancellationToken);

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in usage.GroupBy(u => $"direct|{u.Provider}|{u.Model}"))
            sources[g.Key] = Describe(g.Select(u => (u.FileName, u.From, u.To, u.Count)));
        foreach (var g in shared.GroupBy(s => $"pool|vendor:{s.Provider}"))
            sources[g.Key] = Describe(g.Select(s => (s.FileName, s.From, s.To, s.Count)));
        foreach (var g in infra.GroupBy(i => $"pool|{i.Pool}"))
            sources[g.Key] = Describe(g.Select(i => (i.FileName, i.From, i.To, i.Count)));
        return new InvoiceProvenance(sources);
    }

    private static string Describe(IEnumerable<(string File, int From, int To, int Count)> files)
    {
        var list = files.OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        var shown = list.Take(4).Select(f => f.From == f.To
            ? $"{f.File} line {f.From.ToString(CultureInfo.InvariantCulture)}"
            : $"{f.File} lines {f.From.ToString(CultureInfo.InvariantCulture)}–{f.To.ToString(CultureInfo.InvariantCulture)} ({f.Count.ToString("N0", CultureInfo.InvariantCulture)} rows)");
        var text = string.Join("; ", shown);
        return list.Count > 4 ? $"{text}; and {list.Count - 4} more file(s)" : text;
    }
}
