using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Allocation;

/// <summary>
/// A month small enough to allocate by hand. Inputs, October 2026, USD; gpt-4o priced 2.00 / 1.00 (cached) / 10.00 per 1M:
///
/// | usage (5 Oct 10:00)    | uncached in | output  | GPU-s on gpu-a |
/// |------------------------|-------------|---------|----------------|
/// | acme-retail / chat     | 1,000,000   | 100,000 |                |
/// | globex-bank / search   | 3,000,000   | 300,000 |                |
/// | acme-retail / chat     | (self-hosted llama on gpu-a)      | 18,000 |
/// | globex-bank / search   | (self-hosted llama on gpu-a)      |  9,000 |
///
/// | cost                          | amount |
/// |-------------------------------|--------|
/// | openai gpt-4o input, 5 Oct    |   8.00 |  list-cost weights 2.00 : 6.00
/// | openai gpt-4o output, 5 Oct   |   4.00 |  list-cost weights 1.00 : 3.00
/// | openai tax (no model)         |   1.20 |  vendor:openai pool, by direct cost 3.00 : 9.00
/// | gpu-a gpu_hours 10 h          | 100.00 |  capacity 36,000 GPU-s, used 27,000, idle 9,000 kept
/// | gpu-a power                   |  20.00 |
/// | old-rack hardware             |   7.77 |  no usage on old-rack: unallocated
///
/// Expected lines (SEMANTICS §7), total 140.97 = every cost:
/// </summary>
public class GoldenAllocationTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-10-05T10:00:00Z");
    private static readonly TimeWindow Day5 = new(DateTimeOffset.Parse("2026-10-05T00:00:00Z"), DateTimeOffset.Parse("2026-10-06T00:00:00Z"));

    [Fact]
    public void The_hand_computed_month_allocates_to_the_cent()
    {
        var input = new AllocationInput(
            October, Currency.USD,
            [
                new UsageCell("acme-retail", "chat", "openai", "gpt-4o", 1, "", false, At, 1_000_000, 0, 100_000, 10, 0),
                new UsageCell("globex-bank", "search", "openai", "gpt-4o", 1, "", false, At, 3_000_000, 0, 300_000, 30, 0),
                new UsageCell("acme-retail", "chat", "self-hosted", "llama", 2, "gpu-a", false, At, 500, 0, 50, 1, 18_000),
                new UsageCell("globex-bank", "search", "self-hosted", "llama", 2, "gpu-a", false, At, 500, 0, 50, 1, 9_000),
            ],
            [
                new CostLine("openai", 1, "gpt-4o", Day5, ChargeCategory.Usage, TokenDirection.Input, 8.00m),
                new CostLine("openai", 1, "gpt-4o", Day5, ChargeCategory.Usage, TokenDirection.Output, 4.00m),
                new CostLine("openai", null, null, October.Window, ChargeCategory.Tax, TokenDirection.None, 1.20m),
            ],
            [
                new InfraCostLine("gpu-a", InfraCostCategory.GpuHours, October.Window, 100.00m, 10m),
                new InfraCostLine("gpu-a", InfraCostCategory.Power, October.Window, 20.00m, null),
                new InfraCostLine("old-rack", InfraCostCategory.HardwareAmortization, October.Window, 7.77m, null),
            ],
            [
                new AllocationRule("gpu-a-rule", 3, "gpu-a", Driver.GpuSeconds, TargetLevel.TenantFeature,
                    new UsageFilter(new HashSet<string> { "gpu-a" }, new HashSet<string>(), new HashSet<string>(), new HashSet<string>()), IdleTreatment.Keep, new DateOnly(2026, 1, 1)),
            ],
            new PriceBook([(1, new Price(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), 2.00m, 1.00m, 10.00m, "USD"))]),
            new Dictionary<string, int>());

        var result = Allocator.Run(input);

        var expected = new (string Key, decimal Amount)[]
        {
            ("allocated|acme-retail|chat|||gpu-a", 60.00m),
            ("allocated|acme-retail|chat|||vendor:openai", 0.30m),
            ("allocated|globex-bank|search|||gpu-a", 30.00m),
            ("allocated|globex-bank|search|||vendor:openai", 0.90m),
            ("direct|acme-retail|chat|openai|gpt-4o|", 3.00m),
            ("direct|globex-bank|search|openai|gpt-4o|", 9.00m),
            ("idle|(idle)||||gpu-a", 30.00m),
            ("unallocated|(unallocated)||||old-rack", 7.77m),
        };
        Assert.Equal(expected, result.Lines.Select(l => (l.Key, l.Amount)));
        Assert.Equal((140.97m, 140.97m, 140.97m), (result.CostTotal, result.ExactTotal, result.Total));
        Assert.True(result.IdentityHolds);
        var gpu = result.Lines.Single(l => l.Key == "allocated|acme-retail|chat|||gpu-a");
        Assert.Equal(("gpu-a-rule", 3, "gpu_seconds", 18_000m, 0.5m), (gpu.RuleId, gpu.RuleVersion, gpu.Driver, gpu.DriverQuantity, gpu.Share));
        var direct = result.Lines.Single(l => l.Key == "direct|globex-bank|search|openai|gpt-4o|");
        Assert.Equal((3_000_000L, 0L, 300_000L), (direct.InputTokens, direct.CachedInputTokens, direct.OutputTokens));
    }

    [Fact]
    public void A_line_with_no_usage_behind_it_goes_to_the_vendor_pool_and_a_pool_with_no_driver_is_unallocated()
    {
        var input = new AllocationInput(October, Currency.USD, [],
            [new CostLine("openai", 1, "gpt-4o", Day5, ChargeCategory.Usage, TokenDirection.Input, 5.55m)], [], [], PriceBook.Empty, new Dictionary<string, int>());

        var result = Allocator.Run(input);

        Assert.Equal([("unallocated|(unallocated)||||vendor:openai", 5.55m)], result.Lines.Select(l => (l.Key, l.Amount)));
        Assert.True(result.IdentityHolds);
    }

    [Fact]
    public void Fixed_shares_platform_idle_and_tenant_targets_follow_the_rule()
    {
        var usage = new[]
        {
            new UsageCell("a", "x", "self-hosted", "llama", 2, "pool", false, At, 10, 0, 10, 1, 1_000),
            new UsageCell("b", "y", "self-hosted", "llama", 2, "pool", false, At, 10, 0, 10, 1, 1_000),
        };
        var infra = new[] { new InfraCostLine("pool", InfraCostCategory.GpuHours, October.Window, 90.00m, 1m), new InfraCostLine("shared", InfraCostCategory.OpsStaff, October.Window, 10.00m, null) };
        var none = new HashSet<string>();
        var rules = new[]
        {
            new AllocationRule("pool", 1, "pool", Driver.GpuSeconds, TargetLevel.Tenant, new UsageFilter(new HashSet<string> { "pool" }, none, none, none), IdleTreatment.Platform,
                new DateOnly(2026, 10, 1), PlatformTenant: "platform"),
            new AllocationRule("shared", 1, "shared", Driver.FixedShares, TargetLevel.Tenant, UsageFilter.Any, IdleTreatment.Share, new DateOnly(2026, 10, 1),
                Shares: new Dictionary<string, decimal> { ["a"] = 70m, ["b"] = 30m }),
        };

        var result = Allocator.Run(new AllocationInput(October, Currency.USD, usage, [], infra, rules, PriceBook.Empty, new Dictionary<string, int>()));

        // 3,600 GPU-s paid, 2,000 used: a and b 1,000 each, 1,600 idle to the platform tenant.
        Assert.Equal(
            [("allocated|a|(all)|||pool", 25.00m), ("allocated|a|(all)|||shared", 7.00m), ("allocated|b|(all)|||pool", 25.00m),
             ("allocated|b|(all)|||shared", 3.00m), ("allocated|platform|(idle)|||pool", 40.00m)],
            result.Lines.Select(l => (l.Key, l.Amount)));
        Assert.True(result.IdentityHolds);
    }
}
