using FinOps.Domain.Usage;

namespace FinOps.Domain.Tests.Usage;

public class RawUsageRetentionTests
{
    private static readonly DateTimeOffset EarlyDecember = new(2026, 12, 2, 21, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(13, "2025-11-01")]
    [InlineData(1, "2026-11-01")]
    [InlineData(24, "2024-12-01")]
    public void Keeps_the_current_month_and_that_many_full_months_before_it(int months, string keptFrom) =>
        Assert.Equal(DateOnly.Parse(keptFrom), new RawUsageRetention(months).KeptFrom(EarlyDecember));

    [Fact]
    public void The_month_is_the_UTC_one_whatever_the_offset_of_now()
    {
        // 1 December 00:30 in Berlin is still 30 November in UTC: November is the current month.
        var berlinMidnight = new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1));
        Assert.Equal(new DateOnly(2026, 10, 1), new RawUsageRetention(1).KeptFrom(berlinMidnight));
    }

    [Fact]
    public void Expired_months_are_those_before_the_first_kept_one_oldest_first()
    {
        DateOnly[] stored = [new(2025, 11, 1), new(2025, 9, 1), new(2026, 12, 1), new(2025, 10, 1), new(2027, 1, 1)];

        Assert.Equal([new DateOnly(2025, 9, 1), new DateOnly(2025, 10, 1)], RawUsageRetention.Default.Expired(stored, EarlyDecember));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(120, true)]
    [InlineData(121, false)]
    public void Months_are_bounded(int months, bool allowed) => Assert.Equal(allowed, new RawUsageRetention(months).Problem is null);
}
