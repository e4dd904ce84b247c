using FinOps.Application.Alerts;
using FinOps.Application.Allocation;
using FinOps.Application.Budgets;
using FinOps.Application.Costs;
using FinOps.Domain.Ingest;
using FinOps.Domain.Periods;

namespace FinOps.Application.Demo;

/// <summary>What the demo history loaded: each month and whether it is closed, the budgets added and the alerts raised.</summary>
/// <remarks>A month closed by an earlier load is listed without a load: nothing of it was touched.</remarks>
public sealed record DemoHistory(IReadOnlyList<(string Period, DemoMonthLoad? Load, bool Closed, string? Refusal)> Months, int BudgetsAdded, int AlertsRaised);

/// <summary>
/// A demo with a past and a present: the three months before this one generated, loaded and closed, this month up to
/// yesterday, and budgets set from what tenants spent last month — a few tight enough to have crossed thresholds —
/// then alerts evaluated, so every page has something true to show. Loading again changes nothing.
/// </summary>
public sealed class LoadDemoHistory(Periods.ReportingCalendar calendar, LoadDemoMonth months, ClosePeriod close, ListPeriods periods, ManageBudgets budgets, GetCostSeries series,
    EvaluateAlerts alerts, TimeProvider clock)
{
    public const int ClosedMonths = 3;

    public async Task<DemoHistory> HandleAsync(string folder, int requestsPerMonth, int seed, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var zone = await calendar.ZoneAsync(cancellationToken);
        var today = zone.DayOf(clock.GetUtcNow());
        var current = ChargePeriod.Containing(clock.GetUtcNow(), zone);
        var loaded = new List<(string, DemoMonthLoad?, bool, string?)>();
        var closedAlready = (await periods.HandleAsync(cancellationToken)).Where(p => p.Status == "closed").Select(p => p.Period).ToHashSet();
        for (var back = ClosedMonths; back >= 0; back--)
        {
            var period = current;
            for (var i = 0; i < back; i++) period = period.Previous();
            var through = back == 0 ? today.Day - 1 : (int?)null;
            if (through == 0) break; // the first of the month: nothing of it has ended yet
            if (closedAlready.Contains(period.ToString()))
            {
                loaded.Add((period.ToString(), null, true, null)); // loaded and closed before: closed means closed
                continue;
            }
            var requests = through is { } days ? Math.Max(1_000, requestsPerMonth * days / period.DayCount) : requestsPerMonth; // the generator's smallest month
            progress?.Report($"{period}: generating {requests:N0} requests{(through is { } d ? $" (days 1–{d})" : "")} and ingesting them…");
            var load = await months.HandleAsync(new DemoMonthRequest(Path.Combine(folder, $"{period}-{requests}-{seed}-{through}"), period.Year, period.Month, requests,
                seed + period.Month, through), null, cancellationToken);
            var (closed, refusal) = (false, (string?)null);
            if (back > 0)
            {
                var outcome = await close.HandleAsync(period, "demo month: its faults are injected on purpose", "demo", cancellationToken);
                (closed, refusal) = (outcome.Closed, outcome.Refusal);
                if (!closed && refusal?.Contains("closed already", StringComparison.Ordinal) == true) (closed, refusal) = (true, null);
            }
            loaded.Add((period.ToString(), load, closed, refusal));
        }

        var added = await BudgetsAsync(current, cancellationToken);
        var raised = 0;
        foreach (var (period, _, _, _) in loaded)
            raised += (await alerts.HandleAsync(ChargePeriod.Parse(period, zone), null, null, cancellationToken)).Raised;
        return new DemoHistory(loaded, added, raised);
    }

    /// <summary>
    /// Budgets from last month's spend, recurring from the first demo month: the biggest tenants get 110 % of it (this
    /// month crosses 50 % and more as it goes), one a tight 80 % (over 100 % in closed months), and a team's feature its own.
    /// </summary>
    private async Task<int> BudgetsAsync(ChargePeriod current, CancellationToken cancellationToken)
    {
        if ((await budgets.LoadAsync(null, cancellationToken)).Count > 0) return 0;
        var last = current.Previous();
        var first = current;
        for (var i = 0; i < ClosedMonths; i++) first = first.Previous();
        var answer = await series.HandleAsync(last, CostBreakdown.TenantFeature, null, cancellationToken);
        var currency = answer.Currency;
        var spent = answer.ToDate()
            .Where(s => !s.Tenant.StartsWith('(') && s.Feature != "(all)").ToList();
        var tenants = spent.GroupBy(s => s.Tenant).Select(g => (Tenant: g.Key, Cost: g.Sum(s => s.CostToDate))).OrderByDescending(t => t.Cost).Take(4).ToList();
        var rows = new List<BudgetRow>();
        for (var i = 0; i < tenants.Count; i++)
            rows.Add(new BudgetRow(tenants[i].Tenant, null, first.ToString(), Round(tenants[i].Cost * (i == 1 ? 0.8m : 1.1m)), currency,
                i == 1 ? [50m, 75m, 90m, 100m, 120m] : Domain.Budgets.BudgetThresholds.Default, ManageBudgets.Open));
        if (spent.Where(s => s.Tenant == DemoUsers.LeadTenant).MaxBy(s => s.CostToDate) is { } feature)
            rows.Add(new BudgetRow(feature.Tenant, feature.Feature, first.ToString(), Round(feature.CostToDate * 0.9m), currency, Domain.Budgets.BudgetThresholds.Default,
                ManageBudgets.Open));
        var result = await budgets.ImportAsync(rows.Select((r, i) => ParsedRow<BudgetRow>.Good(i + 2, r, "")).ToList(), new BudgetEditor("demo", IsFinance: true),
            cancellationToken);
        if (result.Refused) throw new InvalidOperationException($"demo budgets refused: {result.Problems[0]}");
        return result.Added;
    }

    /// <summary>A round figure a person would write: to the hundred above 1,000, else to the ten.</summary>
    private static decimal Round(decimal amount) =>
        amount >= 1000m ? Math.Max(100m, decimal.Round(amount / 100m) * 100m) : Math.Max(10m, decimal.Round(amount / 10m) * 10m);
}
