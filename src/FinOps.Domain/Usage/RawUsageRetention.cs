namespace FinOps.Domain.Usage;

/// <summary>
/// How long raw requests are kept: the current UTC month and the <see cref="Months"/> full months before it. Older
/// months' raw requests (their token_usage partitions and request keys) are dropped; the hourly rollup, daily costs,
/// statements, closes and invoices are kept forever, so every period still reports, exports and re-allocates.
/// </summary>
public sealed record RawUsageRetention(int Months)
{
    public const int DefaultMonths = 13;
    public const int MinMonths = 1;
    public const int MaxMonths = 120;

    public static RawUsageRetention Default { get; } = new(DefaultMonths);

    /// <summary>Why these months cannot be the rule, or null.</summary>
    public string? Problem => Months is < MinMonths or > MaxMonths
        ? $"raw requests must be kept between {MinMonths} and {MaxMonths} months"
        : null;

    /// <summary>The first UTC month whose raw requests are kept at <paramref name="now"/>.</summary>
    public DateOnly KeptFrom(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return new DateOnly(utc.Year, utc.Month, 1).AddMonths(-Months);
    }

    /// <summary>The months among <paramref name="stored"/> (first days of UTC months) whose raw requests have expired, oldest first.</summary>
    public IReadOnlyList<DateOnly> Expired(IEnumerable<DateOnly> stored, DateTimeOffset now)
    {
        var keptFrom = KeptFrom(now);
        return stored.Where(m => m < keptFrom).Order().ToList();
    }
}
