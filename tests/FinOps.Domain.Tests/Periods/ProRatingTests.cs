using CsCheck;
using FinOps.Domain.Periods;

namespace FinOps.Domain.Tests.Periods;

public class ProRatingTests
{
    private static TimeWindow Window(string start, string end) => new(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end));

    [Fact]
    public void An_invoice_spanning_two_months_splits_by_seconds_of_overlap()
    {
        var invoice = Window("2026-10-15T00:00:00Z", "2026-11-15T00:00:00Z"); // 31 days
        var october = ChargePeriod.Parse("2026-10").Window;
        var november = ChargePeriod.Parse("2026-11").Window;

        var inOctober = ProRating.PortionIn(3100m, invoice, october);
        var inNovember = ProRating.PortionIn(3100m, invoice, november);

        Assert.Equal(1700m, inOctober);   // 17 of 31 days
        Assert.Equal(1400m, inNovember);  // 14 of 31 days
    }

    [Fact]
    public void Windows_are_half_open_so_a_row_ending_at_a_boundary_adds_nothing_after_it()
    {
        var september = Window("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z");
        Assert.Equal(0m, ProRating.PortionIn(500m, september, ChargePeriod.Parse("2026-10").Window));
        Assert.Equal(500m, ProRating.PortionIn(500m, september, ChargePeriod.Parse("2026-09").Window));
    }

    [Fact]
    public void A_three_year_hardware_row_amortises_over_every_month_and_sums_back_exactly_once_rounded()
    {
        var life = Window("2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
        var periods = Enumerable.Range(0, 36).Select(i => ChargePeriod.Of(2025, 1).Window.Start.AddMonths(i))
            .Select(start => ChargePeriod.Containing(start, ReportingTimeZone.Utc)).ToList();

        var portions = periods.Select(p => ProRating.PortionIn(360_000m, life, p.Window)).ToList();

        Assert.Equal(360_000m, decimal.Round(portions.Sum(), 20));
        Assert.True(portions[1] < portions[0]); // February is shorter than January
    }

    [Fact]
    public void Portions_over_consecutive_days_add_back_to_the_amount()
    {
        var gen = Gen.Select(Gen.Int[0, 60 * 24 * 30], Gen.Int[1, 60 * 24 * 90], Gen.Long[-100_000_000, 100_000_000]);
        gen.Sample((offsetMinutes, lengthMinutes, cents) =>
        {
            var start = DateTimeOffset.Parse("2026-09-01T00:00:00Z").AddMinutes(offsetMinutes);
            var span = new TimeWindow(start, start.AddMinutes(lengthMinutes));
            var amount = cents / 100m;
            var days = ChargePeriod.Parse("2026-09").Days()
                .Concat(ChargePeriod.Parse("2026-10").Days())
                .Concat(ChargePeriod.Parse("2026-11").Days())
                .Concat(ChargePeriod.Parse("2026-12").Days());

            var total = days.Sum(d => ProRating.PortionIn(amount, span, d));

            Assert.Equal(amount, decimal.Round(total, 18));
        }, iter: 2_000);
    }
}
