using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Reconciliation;

/// <summary>One Usage billing line as reconciliation reads it; <see cref="ModelId"/> null = a name no alias maps.</summary>
public sealed record BillLine(string Provider, int? ModelId, string Model, TimeWindow Charge, TokenDirection Direction, decimal? Tokens, decimal Cost);

/// <summary>An hour of logged vendor usage of one provider × model (the rollup summed over tenants and features).</summary>
public sealed record LoggedHour(string Provider, int ModelId, string Model, DateTimeOffset Hour, long UncachedInput, long CachedInput, long Output,
    long Requests, bool Batch, int AliasId = 0);

public sealed record ReconciliationInput(
    ChargePeriod Period, WindowKind Kind, IReadOnlyList<BillLine> Lines, IReadOnlyList<LoggedHour> Logged, PriceBook Prices,
    IReadOnlyDictionary<string, int> OffsetHours, ReconciliationTolerances Tolerances);

public sealed record ReconciledWindow(string Provider, int? ModelId, string Model, TimeWindow Window, BilledSide Billed, LoggedSide Logged,
    ReconciliationStatus Status)
{
    public IReadOnlyList<DeltaCause> Causes { get; init; } = [];
}

/// <summary>The period's reconciliation and its attribution coverage (billed cost in windows with logged usage ÷ all billed cost).</summary>
public sealed record ReconciliationResult(IReadOnlyList<ReconciledWindow> Windows, decimal BilledCost, decimal CoveredCost)
{
    public decimal? Coverage => BilledCost == 0 ? null : CoveredCost / BilledCost;
}

/// <summary>
/// Bills against token logs per provider × model × window (SEMANTICS §3): bill lines pro-rated over the windows
/// their charge period overlaps, logged hours summed into the window holding them and priced at the card in force,
/// each window given its status and the causes the data supports. Pure: the caller loads, this computes.
/// </summary>
public static class Reconciler
{
    private const string UnmappedModel = "(unmapped)";

    public static ReconciliationResult Run(ReconciliationInput input)
    {
        var windowsOf = new Dictionary<string, IReadOnlyList<TimeWindow>>();
        IReadOnlyList<TimeWindow> Windows(string provider) => windowsOf.TryGetValue(provider, out var w)
            ? w
            : windowsOf[provider] = ReconciliationWindows.For(input.Period, input.Kind, input.OffsetHours.GetValueOrDefault(provider));

        var cells = new Dictionary<(string Provider, int? ModelId, int Window), (string Model, BilledSide Billed, LoggedSide Logged)>();
        (string Model, BilledSide Billed, LoggedSide Logged) Cell(string provider, int? modelId, string model, int window)
        {
            if (!cells.TryGetValue((provider, modelId, window), out var cell))
                cells[(provider, modelId, window)] = cell = (model, new BilledSide(), new LoggedSide());
            return cell;
        }

        foreach (var stated in input.Lines)
        {
            // The offset corrects the provider's own labels: its "5 Oct" starts at 5 Oct + offset (SEMANTICS §1).
            var offset = TimeSpan.FromHours(input.OffsetHours.GetValueOrDefault(stated.Provider));
            var line = offset == TimeSpan.Zero ? stated : stated with { Charge = new TimeWindow(stated.Charge.Start + offset, stated.Charge.End + offset) };
            var windows = Windows(line.Provider);
            for (var i = FirstOverlapping(windows, line.Charge); i < windows.Count && windows[i].Start < End(line.Charge); i++)
            {
                if (!line.Charge.Overlaps(windows[i]) && !(line.Charge.IsEmpty && windows[i].Contains(line.Charge.Start))) continue;
                var cell = Cell(line.Provider, line.ModelId, line.ModelId is null ? UnmappedModel : line.Model, i);
                cell.Billed.Add(line.Direction, line.Tokens is { } tokens ? ProRating.PortionIn(tokens, line.Charge, windows[i]) : null,
                    ProRating.PortionIn(line.Cost, line.Charge, windows[i]));
                if (line.ModelId is null) cell.Billed.UnmappedNames.Add(line.Model);
            }
        }

        var hoursByModel = input.Logged.GroupBy(h => (h.Provider, h.ModelId)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var hour in input.Logged)
        {
            var windows = Windows(hour.Provider);
            var index = Containing(windows, hour.Hour);
            if (index < 0) continue;
            Cell(hour.Provider, hour.ModelId, hour.Model, index).Logged.Add(hour.UncachedInput, hour.CachedInput, hour.Output, hour.Requests,
                input.Prices.InForce(new PricedName(hour.ModelId, hour.AliasId), hour.Hour), hour.Batch);
        }

        var lastBilled = input.Lines.GroupBy(l => l.Provider)
            .ToDictionary(g => g.Key, g => g.Max(l => l.Charge.End).AddHours(input.OffsetHours.GetValueOrDefault(g.Key)));
        var unmappedBilled = cells.Where(c => c.Key.ModelId is null)
            .ToDictionary(c => (c.Key.Provider, c.Key.Window), c => c.Value.Billed.Tokens);
        var results = new List<ReconciledWindow>();
        foreach (var ((provider, modelId, index), (model, billed, logged)) in cells.OrderBy(c => c.Key.Provider).ThenBy(c => c.Value.Model).ThenBy(c => c.Key.Window))
        {
            var window = Windows(provider)[index];
            var reconciled = new ReconciledWindow(provider, modelId, model, window, billed, logged, ReconciliationRule.StatusOf(billed, logged, input.Tolerances));
            Func<int, LoggedSide>? shifted = modelId is { } id && hoursByModel.TryGetValue((provider, id), out var hours)
                ? offset => Sum(hours.Where(h => h.Hour >= window.Start.AddHours(offset) && h.Hour < window.End.AddHours(offset)), input.Prices)
                : null;
            results.Add(reconciled with
            {
                Causes = DeltaCauses.Explain(reconciled, input.Tolerances, input.Kind == WindowKind.Hour ? null : shifted,
                    lastBilled.TryGetValue(provider, out var end) ? end : null, unmappedBilled.GetValueOrDefault((provider, index))),
            });
        }

        var billedCost = results.Sum(r => r.Billed.Cost);
        var covered = results.Where(r => r.Logged.Any).Sum(r => r.Billed.Cost);
        return new ReconciliationResult(results, billedCost, covered);
    }

    private static LoggedSide Sum(IEnumerable<LoggedHour> hours, PriceBook prices)
    {
        var side = new LoggedSide();
        foreach (var h in hours) side.Add(h.UncachedInput, h.CachedInput, h.Output, h.Requests, prices.InForce(new PricedName(h.ModelId, h.AliasId), h.Hour), h.Batch);
        return side;
    }

    // An instant line (start = end) belongs to the window holding it.
    private static DateTimeOffset End(TimeWindow charge) => charge.IsEmpty ? charge.End.AddTicks(1) : charge.End;

    /// <summary>Index of the first window ending after the charge starts (windows are sorted and contiguous).</summary>
    private static int FirstOverlapping(IReadOnlyList<TimeWindow> windows, TimeWindow charge)
    {
        int lo = 0, hi = windows.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (windows[mid].End <= charge.Start) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int Containing(IReadOnlyList<TimeWindow> windows, DateTimeOffset instant)
    {
        var i = FirstOverlapping(windows, new TimeWindow(instant, instant));
        return i < windows.Count && windows[i].Contains(instant) ? i : -1;
    }
}
