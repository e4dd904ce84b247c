namespace FinOps.Domain.Organisation;

/// <summary>The single organisation's settings (SEMANTICS §1): reporting time zone, currency, when a trace is a runaway, and how long raw requests are kept.</summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public string ReportingTimeZone { get; set; } = "UTC";
    public string Currency { get; set; } = "USD";

    /// <summary>A workflow execution with more calls than this within any hour is a runaway loop.</summary>
    public int RunawayMaxCallsPerHour { get; set; } = Workflows.RunawayRule.Default.MaxCallsPerHour;

    /// <summary>…or with a list cost above this within any hour (organisation currency); null = calls only.</summary>
    public decimal? RunawayCostLimitPerHour { get; set; }

    /// <summary>Full UTC months of raw requests kept before the current one; older months' partitions are dropped.</summary>
    public int RawUsageRetentionMonths { get; set; } = Usage.RawUsageRetention.DefaultMonths;

    public Usage.RawUsageRetention RawUsageRetention => new(RawUsageRetentionMonths);

    public Workflows.RunawayRule Runaway => new(RunawayMaxCallsPerHour, RunawayCostLimitPerHour);
}
