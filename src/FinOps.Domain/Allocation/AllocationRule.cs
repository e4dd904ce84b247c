namespace FinOps.Domain.Allocation;

public enum Driver { Tokens, InputTokens, OutputTokens, WeightedTokens, Requests, GpuSeconds, ListCost, DirectCost, FixedShares, Even }

public enum TargetLevel { TenantFeature, Tenant }

public enum IdleTreatment { Share, Platform, Keep }

/// <summary>Which usage a rule measures: empty sets mean "any".</summary>
public sealed record UsageFilter(IReadOnlySet<string> Deployments, IReadOnlySet<string> Providers, IReadOnlySet<string> Models, IReadOnlySet<string> Tenants)
{
    public static UsageFilter Any { get; } = new(new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), new HashSet<string>());

    public bool Matches(UsageCell cell) =>
        (Deployments.Count == 0 || Deployments.Contains(cell.Deployment)) && (Providers.Count == 0 || Providers.Contains(cell.Provider))
        && (Models.Count == 0 || Models.Contains(cell.Model)) && (Tenants.Count == 0 || Tenants.Contains(cell.Tenant));
}

/// <summary>
/// How one pool is split (SEMANTICS §5), in force for whole periods from <see cref="EffectiveFrom"/>. Rules are
/// versioned: <see cref="Id"/> names the rule, <see cref="Version"/> the revision a statement was computed with.
/// </summary>
public sealed record AllocationRule(
    string Id, int Version, string Pool, Driver Driver, TargetLevel Targets, UsageFilter Filter, IdleTreatment Idle, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo = null, (decimal Input, decimal Cached, decimal Output)? Weights = null, IReadOnlyDictionary<string, decimal>? Shares = null,
    string? PlatformTenant = null)
{
    public bool InForce(Periods.ChargePeriod period) =>
        EffectiveFrom <= period.FirstDay && (EffectiveTo is not { } to || to > period.FirstDay);

    public static string DriverName(Driver driver) => driver switch
    {
        Driver.Tokens => "tokens", Driver.InputTokens => "input_tokens", Driver.OutputTokens => "output_tokens", Driver.WeightedTokens => "weighted_tokens",
        Driver.Requests => "requests", Driver.GpuSeconds => "gpu_seconds", Driver.ListCost => "list_cost", Driver.DirectCost => "direct_cost",
        Driver.FixedShares => "fixed_shares", _ => "even",
    };

    public static bool TryParseDriver(string text, out Driver driver)
    {
        foreach (var candidate in Enum.GetValues<Driver>())
            if (DriverName(candidate) == text) { driver = candidate; return true; }
        driver = default;
        return false;
    }
}
