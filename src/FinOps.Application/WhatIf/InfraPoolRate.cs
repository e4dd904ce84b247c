using FinOps.Application.Abstractions;
using FinOps.Domain.Infra;
using FinOps.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace FinOps.Application.WhatIf;

/// <summary>
/// What one of our own GPU pools really cost in a period, as self-hosting assumptions: its GPU rows' cost per GPU-hour
/// paid, and everything else it cost (power, staff, hardware, …) as fixed costs per month of 30 days. Each row counts
/// by its overlap with the period, as allocation spreads it.
/// </summary>
public sealed record InfraPoolRate(string Pool, string Currency, decimal GpuHours, decimal GpuHourPrice, decimal FixedMonthly)
{
    public static async Task<IReadOnlyList<InfraPoolRate>> ReadAsync(IFinOpsDbContext db, ChargePeriod period, CancellationToken cancellationToken)
    {
        var rows = await db.InfraCosts.AsNoTracking().Where(c => c.PeriodStart < period.End && c.PeriodEnd > period.Start).ToListAsync(cancellationToken);
        var months = period.DayCount / 30m;
        return rows.GroupBy(r => (r.Pool, r.Currency)).Select(g =>
            {
                decimal Share(InfraCost r) => (decimal)((Min(r.PeriodEnd, period.End) - Max(r.PeriodStart, period.Start)).TotalSeconds / (r.PeriodEnd - r.PeriodStart).TotalSeconds);
                var gpu = g.Where(r => r.Category == InfraCostCategory.GpuHours && r.Quantity is > 0m).ToList();
                var hours = gpu.Sum(r => r.Quantity!.Value * Share(r));
                var gpuCost = gpu.Sum(r => r.Amount * Share(r));
                var other = g.Where(r => !gpu.Contains(r)).Sum(r => r.Amount * Share(r));
                return new InfraPoolRate(g.Key.Pool, g.Key.Currency, hours, hours == 0m ? 0m : gpuCost / hours, months == 0m ? 0m : other / months);
            })
            .Where(p => p.GpuHours > 0m)
            .OrderBy(p => p.Pool, StringComparer.Ordinal)
            .ToList();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
