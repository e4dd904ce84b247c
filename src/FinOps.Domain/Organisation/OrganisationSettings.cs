namespace FinOps.Domain.Organisation;

/// <summary>The single organisation's settings (SEMANTICS §1): reporting time zone and currency.</summary>
public sealed class OrganisationSettings
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public string ReportingTimeZone { get; set; } = "UTC";
    public string Currency { get; set; } = "USD";
}
