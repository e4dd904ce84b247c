using FinOps.Domain.Billing;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;
using FinOps.Domain.Reconciliation;

namespace FinOps.Domain.Tests.Reconciliation;

public class ReconcilerTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly Price Gpt4o = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), 2.50m, 1.25m, 10.00m, "USD", BatchDiscountPct: 50m);
    private static readonly PriceBook Prices = new([(1, Gpt4o)]);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TimeWindow Day(int day) => new(At($"2026-10-{day:D2}T00:00:00Z"), At($"2026-10-{day:D2}T00:00:00Z").AddDays(1));

    /// <summary>A day of logs spread over 24 hours, and the matching bill lines at the card's price.</summary>
    private static (List<LoggedHour> Logged, List<BillLine> Lines) MatchedDay(int day, long uncachedPerHour = 100_000, long cachedPerHour = 20_000, long outputPerHour = 10_000)
    {
        var logged = Enumerable.Range(0, 24).Select(h => new LoggedHour("openai", 1, "gpt-4o", Day(day).Start.AddHours(h), uncachedPerHour, cachedPerHour, outputPerHour, 10, false)).ToList();
        var lines = new List<BillLine>
        {
            new("openai", 1, "gpt-4o", Day(day), TokenDirection.Input, 24 * uncachedPerHour, 24 * uncachedPerHour * 2.50m / 1_000_000m),
            new("openai", 1, "gpt-4o", Day(day), TokenDirection.CachedInput, 24 * cachedPerHour, 24 * cachedPerHour * 1.25m / 1_000_000m),
            new("openai", 1, "gpt-4o", Day(day), TokenDirection.Output, 24 * outputPerHour, 24 * outputPerHour * 10.00m / 1_000_000m),
        };
        return (logged, lines);
    }

    private static ReconciliationResult Run(IEnumerable<BillLine> lines, IEnumerable<LoggedHour> logged, WindowKind kind = WindowKind.Day,
        Dictionary<string, int>? offsets = null, ChargePeriod? period = null) =>
        Reconciler.Run(new ReconciliationInput(period ?? October, kind, lines.ToList(), logged.ToList(), Prices, offsets ?? [], ReconciliationTolerances.Default));

    [Fact]
    public void A_bill_that_equals_its_logs_is_matched_with_no_cause()
    {
        var (logged, lines) = MatchedDay(5);

        var window = Assert.Single(Run(lines, logged).Windows);

        Assert.Equal((ReconciliationStatus.Matched, Day(5)), (window.Status, window.Window));
        Assert.Equal(2_400_000m, window.Billed.Input);
        Assert.Equal(2_400_000L, window.Logged.UncachedInput);
        Assert.Equal(window.Billed.Cost, window.Logged.ExpectedCost);
        Assert.Empty(window.Causes);
    }

    [Fact]
    public void Status_precedence_is_unlogged_then_unbilled_then_mismatch_then_matched()
    {
        var (logged, lines) = MatchedDay(5);

        Assert.Equal(ReconciliationStatus.Unlogged, Assert.Single(Run(lines, []).Windows).Status);
        Assert.Equal(ReconciliationStatus.Unbilled, Assert.Single(Run([], logged).Windows).Status);
        var short10Percent = lines.Select(l => l with { Tokens = l.Tokens * 0.9m }).ToList();
        Assert.Equal(ReconciliationStatus.Mismatch, Assert.Single(Run(short10Percent, logged).Windows).Status);
    }

    [Theory]
    [InlineData(2_400_000, 2_424_000, false)] // exactly 1 % of billed: inside
    [InlineData(2_400_000, 2_424_001, true)]  // just over 1 %
    [InlineData(50_000, 51_000, false)]       // 1,000 tokens beats 1 % of a small bill
    [InlineData(50_000, 51_001, true)]
    public void Token_tolerance_is_the_larger_of_one_percent_and_a_thousand_tokens(long billed, long logged, bool differs)
    {
        Assert.Equal(differs, ReconciliationTolerances.Default.TokensDiffer(logged, billed));
    }

    [Theory]
    [InlineData("100.00", "101.00", false)]
    [InlineData("100.00", "101.01", true)]
    [InlineData("0.50", "0.51", false)] // 0.01 beats 1 % of half a dollar
    [InlineData("0.50", "0.52", true)]
    public void Cost_tolerance_is_the_larger_of_one_percent_and_a_cent(string billed, string expected, bool differs)
    {
        Assert.Equal(differs, ReconciliationTolerances.Default.CostsDiffer(decimal.Parse(expected), decimal.Parse(billed)));
    }

    [Fact]
    public void A_line_spanning_windows_is_pro_rated_by_overlap()
    {
        // A 36-hour line from 5 Oct 12:00: a third on the 5th, two thirds on the 6th.
        var line = new BillLine("openai", 1, "gpt-4o", new TimeWindow(At("2026-10-05T12:00:00Z"), At("2026-10-07T00:00:00Z")), TokenDirection.Output, 3_000_000m, 30m);

        var windows = Run([line], []).Windows;

        Assert.Equal([1_000_000m, 2_000_000m], windows.Select(w => w.Billed.Output));
        Assert.Equal([10m, 20m], windows.Select(w => w.Billed.Cost));
        Assert.Equal([Day(5), Day(6)], windows.Select(w => w.Window));
    }

    [Fact]
    public void A_bill_without_cached_lines_is_compared_against_all_logged_input()
    {
        var (logged, _) = MatchedDay(5);
        var lines = new[]
        {
            new BillLine("openai", 1, "gpt-4o", Day(5), TokenDirection.Input, 24 * 120_000m, 24 * (100_000 * 2.50m + 20_000 * 1.25m) / 1_000_000m),
            new BillLine("openai", 1, "gpt-4o", Day(5), TokenDirection.Output, 24 * 10_000m, 24 * 10_000 * 10.00m / 1_000_000m),
        };

        var window = Assert.Single(Run(lines, logged).Windows);

        Assert.Equal(ReconciliationStatus.Matched, window.Status);
        Assert.Equal(("input", 2_880_000m, 2_880_000m), ReconciliationRule.Compare(window.Billed, window.Logged).Select(c => (c.Direction, c.Billed, c.Logged)).First());
    }

    [Fact]
    public void A_provider_offset_shifts_its_windows_and_matches_a_skewed_bill()
    {
        // The vendor's 5 Oct is 08:00 5 Oct to 08:00 6 Oct UTC; traffic grows hour by hour, so only the offset aligns them.
        var logged = Enumerable.Range(0, 72).Select(h => new LoggedHour("azure-openai", 1, "gpt-4o", Day(4).Start.AddHours(h), 10_000 + h * 5_000, 0, 1_000, 1, false)).ToList();
        var vendorDay = new TimeWindow(Day(5).Start.AddHours(8), Day(5).End.AddHours(8));
        var billed = logged.Where(h => vendorDay.Contains(h.Hour)).Sum(h => h.UncachedInput);
        var output = logged.Where(h => vendorDay.Contains(h.Hour)).Sum(h => h.Output);
        var lines = new[]
        {
            new BillLine("azure-openai", 1, "gpt-4o", Day(5), TokenDirection.Input, billed, billed * 2.50m / 1_000_000m),
            new BillLine("azure-openai", 1, "gpt-4o", Day(5), TokenDirection.Output, output, output * 10m / 1_000_000m),
        };

        var unshifted = Run(lines, logged).Windows.Single(w => w.Window == Day(5));
        // The stored lines keep the vendor's own label (5 Oct 00:00 UTC); the offset moves both them and the windows.
        var shifted = Run(lines, logged, offsets: new() { ["azure-openai"] = 8 }).Windows.Single(w => w.Window == vendorDay);

        Assert.Equal(ReconciliationStatus.Mismatch, unshifted.Status);
        Assert.Contains(unshifted.Causes, c => c.Code == "day-boundary-skew" && c.Explanation.Contains("offset to +8 hours"));
        Assert.Equal(ReconciliationStatus.Matched, shifted.Status);
    }

    [Fact]
    public void Offset_windows_straddling_the_period_edges_are_kept()
    {
        var windows = ReconciliationWindows.For(October, WindowKind.Day, offsetHours: 8);

        Assert.Equal(32, windows.Count);
        Assert.Equal(At("2026-09-30T08:00:00Z"), windows[0].Start);
        Assert.Equal(At("2026-11-01T08:00:00Z"), windows[^1].End);
    }

    [Fact]
    public void Day_windows_follow_the_reporting_zone_through_a_DST_change()
    {
        var berlin = ReportingTimeZone.FromId("Europe/Berlin");
        var period = ChargePeriod.Of(2026, 10, berlin);

        var days = ReconciliationWindows.For(period, WindowKind.Day);
        var hours = ReconciliationWindows.For(period, WindowKind.Hour);

        Assert.Equal(31, days.Count);
        // 25 October 2026: clocks go back, the day has 25 hours.
        var dstDay = days.Single(d => d.Start == At("2026-10-24T22:00:00Z"));
        Assert.Equal(TimeSpan.FromHours(25), dstDay.Duration);
        Assert.Equal(period.Start, days[0].Start);
        Assert.Equal(31 * 24 + 1, hours.Count);
        Assert.Equal([period.Window], ReconciliationWindows.For(period, WindowKind.Period));
    }

    [Fact]
    public void Causes_name_the_wrong_price_the_cached_rate_the_batch_discount_and_the_missing_card()
    {
        var (logged, lines) = MatchedDay(5);
        var wrongPrice = lines.Select(l => l with { Cost = l.Cost * 1.3m });
        var cachedAtInput = lines.Select(l => l.Direction == TokenDirection.CachedInput ? l with { Cost = l.Cost * 2 } : l);
        var batchLogged = logged.Select(h => h with { Batch = true }).ToList();

        Assert.Contains(Assert.Single(Run(wrongPrice, logged).Windows).Causes, c => c.Code == "price-difference" && c.Explanation.Contains("1.30×"));
        Assert.Contains(Assert.Single(Run(cachedAtInput, logged).Windows).Causes, c => c.Code == "cached-at-input-rate");
        Assert.Contains(Assert.Single(Run(lines, batchLogged).Windows).Causes, c => c.Code == "batch-discount");
        var unpriced = Reconciler.Run(new ReconciliationInput(October, WindowKind.Day, lines, logged, PriceBook.Empty, new Dictionary<string, int>(), ReconciliationTolerances.Default));
        var window = Assert.Single(unpriced.Windows);
        Assert.Equal(ReconciliationStatus.Matched, window.Status); // tokens agree; with no card there is no cost to compare
        Assert.Empty(window.Causes);
    }

    [Fact]
    public void Unmapped_lines_form_their_own_unlogged_row_and_explain_the_models_unbilled_window()
    {
        var (logged, lines) = MatchedDay(5);
        var unmapped = lines.Select(l => l with { ModelId = null, Model = "USE1-MistralLarge2407-input-tokens" });

        var windows = Run(unmapped, logged).Windows;

        var bill = windows.Single(w => w.ModelId is null);
        var logs = windows.Single(w => w.ModelId == 1);
        Assert.Equal(("(unmapped)", ReconciliationStatus.Unlogged), (bill.Model, bill.Status));
        Assert.Contains(bill.Causes, c => c.Code == "unmapped-model" && c.Explanation.Contains("'USE1-MistralLarge2407-input-tokens'"));
        Assert.Equal(ReconciliationStatus.Unbilled, logs.Status);
        Assert.Contains(logs.Causes, c => c.Code == "unmapped-model");
    }

    [Fact]
    public void Unbilled_days_after_the_last_bill_are_logs_still_arriving_and_coverage_counts_billed_cost_with_logs()
    {
        var (logged5, lines5) = MatchedDay(5);
        var (logged6, _) = MatchedDay(6);

        var result = Run(lines5, logged5.Concat(logged6));

        var lastDay = result.Windows.Single(w => w.Window == Day(6));
        Assert.Equal(ReconciliationStatus.Unbilled, lastDay.Status);
        Assert.Contains(lastDay.Causes, c => c.Code == "logs-still-arriving");
        Assert.Equal(1m, result.Coverage);
        Assert.Equal(0m, Run(lines5, []).Coverage);
    }
}
