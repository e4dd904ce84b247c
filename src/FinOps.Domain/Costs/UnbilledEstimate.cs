using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Costs;

/// <summary>The estimated cost of usage no bill covers yet, per direct line, and the models it could not price.</summary>
public sealed record UnbilledEstimates(IReadOnlyDictionary<SeriesLine, decimal> Lines, IReadOnlyList<string> Unpriced);

/// <summary>
/// SEMANTICS §8's estimated cost: vendor usage in a reconciliation window (a day of the reporting zone, shifted by the
/// provider's billing-day offset) that has no Usage bill line for its provider × model is costed at list price — the
/// window's status is unbilled (§3). Once a bill covers the window its estimate is gone and the bill's attribution
/// takes its place. Self-hosted usage (a deployment naming an infra pool) is costed through its pool, never estimated.
/// </summary>
public static class UnbilledEstimate
{
    public static UnbilledEstimates Of(AllocationInput input, IReadOnlySet<string> infraPools)
    {
        var window = input.Window;
        var zone = input.Period.Zone;
        var billed = new Dictionary<(string Provider, int ModelId), List<TimeWindow>>();
        foreach (var bill in input.Bills.Where(b => b is { Category: ChargeCategory.Usage, ModelId: not null, UnusedCommitment: false }))
        {
            var offset = TimeSpan.FromHours(input.OffsetHours.GetValueOrDefault(bill.Provider));
            var key = (bill.Provider, bill.ModelId!.Value);
            if (!billed.TryGetValue(key, out var spans)) billed[key] = spans = [];
            spans.Add(new TimeWindow(bill.Charge.Start + offset, bill.Charge.End + offset));
        }

        var lines = new Dictionary<SeriesLine, decimal>();
        var unpriced = new SortedSet<string>(StringComparer.Ordinal);
        var windowBilled = new Dictionary<(string, int, DateTimeOffset), bool>();
        var windows = new Dictionary<(DateTimeOffset, TimeSpan), TimeWindow>();
        foreach (var cell in input.Usage)
        {
            if (!window.Contains(cell.Hour) || infraPools.Contains(cell.Deployment)) continue;
            var offset = TimeSpan.FromHours(input.OffsetHours.GetValueOrDefault(cell.Provider));
            // Time-zone arithmetic once per hour and offset, not once per cell.
            if (!windows.TryGetValue((cell.Hour, offset), out var reconciliationWindow))
            {
                var day = zone.DayOf(cell.Hour - offset);
                windows[(cell.Hour, offset)] = reconciliationWindow = new TimeWindow(zone.StartOfDay(day) + offset, zone.StartOfDay(day.AddDays(1)) + offset);
            }
            var key = (cell.Provider, cell.ModelId, reconciliationWindow.Start);
            if (!windowBilled.TryGetValue(key, out var isBilled))
                windowBilled[key] = isBilled = billed.TryGetValue((cell.Provider, cell.ModelId), out var spans)
                                               && spans.Any(s => s.IsEmpty ? reconciliationWindow.Contains(s.Start) : s.Overlaps(reconciliationWindow));
            if (isBilled) continue;
            var price = input.Prices.InForce(new PricedName(cell.ModelId, cell.AliasId), cell.Hour);
            if (price is null)
            {
                unpriced.Add($"{cell.Provider}/{cell.Model}");
                continue;
            }
            var line = SeriesLine.Direct(cell.Tenant, cell.Feature, cell.Provider, cell.Model);
            lines[line] = lines.GetValueOrDefault(line) + price.ListCost(cell.UncachedInput, cell.CachedInput, cell.Output, cell.Batch);
        }
        return new UnbilledEstimates(lines, unpriced.Select(m => $"no price card for {m}: its unbilled usage is estimated at 0").ToList());
    }
}
