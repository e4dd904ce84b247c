using FinOps.Domain.Periods;

namespace FinOps.Domain.Tests.Periods;

public class ChargePeriodTests
{
    private static readonly ReportingTimeZone Berlin = ReportingTimeZone.FromId("Europe/Berlin");
    private static readonly ReportingTimeZone NewYork = ReportingTimeZone.FromId("America/New_York");

    [Fact]
    public void A_utc_period_is_the_calendar_month_end_exclusive()
    {
        var october = ChargePeriod.Parse("2026-10");

        Assert.Equal(DateTimeOffset.Parse("2026-10-01T00:00:00Z"), october.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T00:00:00Z"), october.End);
        Assert.True(october.Window.Contains(DateTimeOffset.Parse("2026-10-31T23:59:59.9999999Z")));
        Assert.False(october.Window.Contains(october.End));
        Assert.Equal("2026-10", october.ToString());
    }

    [Fact]
    public void A_period_in_a_dst_zone_starts_and_ends_at_local_midnight()
    {
        var october = ChargePeriod.Parse("2026-10", Berlin);

        // CEST (+2) at the start, CET (+1) at the end: 31 days and one extra hour.
        Assert.Equal(DateTimeOffset.Parse("2026-09-30T22:00:00Z"), october.Start);
        Assert.Equal(DateTimeOffset.Parse("2026-10-31T23:00:00Z"), october.End);
        Assert.Equal(TimeSpan.FromHours(31 * 24 + 1), october.Window.Duration);
    }

    [Fact]
    public void Day_windows_are_23_or_25_hours_on_dst_days_and_tile_the_period()
    {
        var march = ChargePeriod.Parse("2026-03", NewYork);
        var days = march.Days().ToList();

        Assert.Equal(31, days.Count);
        Assert.Equal(TimeSpan.FromHours(23), days[7].Duration); // 8 March 2026, spring forward
        Assert.Equal(march.Start, days[0].Start);
        Assert.Equal(march.End, days[^1].End);
        for (var i = 1; i < days.Count; i++) Assert.Equal(days[i - 1].End, days[i].Start);

        var november = ChargePeriod.Parse("2026-11", NewYork);
        Assert.Equal(TimeSpan.FromHours(25), november.Days().ElementAt(0).Duration); // 1 November 2026, fall back
    }

    [Fact]
    public void Hour_windows_tile_the_period_across_a_dst_change()
    {
        var october = ChargePeriod.Parse("2026-10", Berlin);
        var hours = october.Hours().ToList();

        Assert.Equal(31 * 24 + 1, hours.Count);
        Assert.All(hours, h => Assert.Equal(TimeSpan.FromHours(1), h.Duration));
        Assert.Equal(october.End, hours[^1].End);
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_the_first_local_instant()
    {
        // Chile springs forward at 24:00 on the first Saturday of September: 6 Sep 2026 00:00 local never happens.
        var santiago = ReportingTimeZone.FromId("America/Santiago");
        var start = santiago.StartOfDay(new DateOnly(2026, 9, 6));

        Assert.Equal(DateTimeOffset.Parse("2026-09-06T04:00:00Z"), start);
        Assert.Equal(new DateOnly(2026, 9, 5), santiago.DayOf(start.AddTicks(-1)));
        Assert.Equal(new DateOnly(2026, 9, 6), santiago.DayOf(start));
    }

    [Fact]
    public void An_instant_belongs_to_the_period_of_its_local_day()
    {
        var instant = DateTimeOffset.Parse("2026-10-31T23:30:00Z");

        Assert.Equal("2026-11", ChargePeriod.Containing(instant, Berlin).ToString());
        Assert.Equal("2026-10", ChargePeriod.Containing(instant, ReportingTimeZone.Utc).ToString());
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("26-10")]
    [InlineData("2026/10")]
    [InlineData("")]
    public void Malformed_periods_are_refused(string text) =>
        Assert.False(ChargePeriod.TryParse(text, null, out _));

    [Fact]
    public void Periods_step_and_order_across_year_ends()
    {
        var december = ChargePeriod.Parse("2026-12");

        Assert.Equal("2027-01", december.Next().ToString());
        Assert.Equal("2026-11", december.Previous().ToString());
        Assert.True(december.CompareTo(december.Next()) < 0);
        Assert.Equal(december.End, december.Next().Start);
    }
}
