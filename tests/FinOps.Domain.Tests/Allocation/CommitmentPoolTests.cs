using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Allocation;

/// <summary>
/// Reserved capacity (SEMANTICS §4, §5) on a hand-sized October (31 days = 44,640 minutes). An Azure PTU deployment
/// <c>ptu-east</c> bills 100.00 for the month; declared at 50 tokens per minute its capacity is 2,232,000 tokens. On it
/// acme-retail/chat used 600,000 tokens and globex-bank/search 300,000 (900,000: 40.3 %). Beside it, pay-as-you-go
/// usage of the same model (initech/search, 1,000,000 input) and its 9.00 usage line.
/// </summary>
public class CommitmentPoolTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly DateTimeOffset At = new(2026, 10, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Day5 = new(new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 6, 0, 0, 0, TimeSpan.Zero));
    private const string Pool = "commitment:azure-openai:ptu-east";

    private static AllocationResult Run(IdleTreatment idle, bool declared = true, params CostLine[] extra)
    {
        var none = new HashSet<string>();
        var rules = idle == IdleTreatment.Share ? [] : new[]
        {
            new AllocationRule("ptu", 1, Pool, Driver.Tokens, TargetLevel.TenantFeature, new UsageFilter(new HashSet<string> { "ptu-east" }, none, none, none), idle,
                new DateOnly(2026, 1, 1), PlatformTenant: idle == IdleTreatment.Platform ? "platform-team" : null),
        };
        return Allocator.Run(new AllocationInput(October, Currency.USD,
            [
                new UsageCell("acme-retail", "chat", "azure-openai", "gpt-4o", 1, "ptu-east", false, At, 500_000, 0, 100_000, 10, 0),
                new UsageCell("globex-bank", "search", "azure-openai", "gpt-4o", 1, "ptu-east", false, At, 250_000, 0, 50_000, 5, 0),
                new UsageCell("initech", "search", "azure-openai", "gpt-4o", 1, "", false, At, 1_000_000, 0, 0, 20, 0),
            ],
            new[]
            {
                new CostLine("azure-openai", null, null, October.Window, ChargeCategory.Usage, TokenDirection.None, 100.00m, Commitment: "ptu-east"),
                new CostLine("azure-openai", 1, "gpt-4o", Day5, ChargeCategory.Usage, TokenDirection.Input, 9.00m),
            }.Concat(extra).ToList(),
            [], rules, new PriceBook([(1, new Price(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), 2.50m, 1.25m, 10.00m, "USD"))]), new Dictionary<string, int>())
        {
            Commitments = declared ? [new DeclaredCommitment("azure-openai", "ptu-east", "ptu-east", 50m, new DateOnly(2026, 1, 1))] : [],
        });
    }

    private static decimal Amount(AllocationResult result, string key) => result.Lines.SingleOrDefault(l => l.Key == key)?.Amount ?? 0m;

    [Fact]
    public void The_commitment_is_split_over_the_usage_on_its_deployment_and_pay_as_you_go_lines_skip_that_usage()
    {
        var result = Run(IdleTreatment.Share);

        Assert.Equal(66.67m, Amount(result, $"allocated|acme-retail|chat|||{Pool}"));
        Assert.Equal(33.33m, Amount(result, $"allocated|globex-bank|search|||{Pool}"));
        // The 9.00 usage line is initech's alone: the PTU usage was paid by the commitment.
        Assert.Equal(9.00m, Amount(result, "direct|initech|search|azure-openai|gpt-4o|"));
        Assert.DoesNotContain(result.Lines, l => l.Type == LineType.Direct && l.Tenant != "initech");
        Assert.True(result.IdentityHolds);

        var use = Assert.Single(result.Commitments);
        Assert.Equal(("azure-openai", "ptu-east", "ptu-east", 100.00m, 900_000L, 2_232_000m), (use.Provider, use.Commitment, use.Deployment, use.Cost, use.UsedTokens, use.CapacityTokens));
        Assert.Equal(900_000m / 2_232_000m, use.Utilisation);
        // Reported idle whatever the treatment: 100 × (1 − 900,000 / 2,232,000).
        Assert.Equal(100.00m * (1m - 900_000m / 2_232_000m), use.IdleCost);
    }

    [Fact]
    public void Kept_idle_stays_visible_as_idle_and_platform_idle_is_charged_to_the_named_tenant()
    {
        var kept = Run(IdleTreatment.Keep);
        // Weights 600,000 : 300,000 : idle 1,332,000 of 2,232,000.
        Assert.Equal((26.88m, 13.44m, 59.68m), (Amount(kept, $"allocated|acme-retail|chat|||{Pool}"), Amount(kept, $"allocated|globex-bank|search|||{Pool}"),
            Amount(kept, $"idle|(idle)||||{Pool}")));
        Assert.True(kept.IdentityHolds);

        var platform = Run(IdleTreatment.Platform);
        Assert.Equal(59.68m, Amount(platform, $"allocated|platform-team|(idle)|||{Pool}"));
        Assert.True(platform.IdentityHolds);
    }

    [Fact]
    public void An_unused_commitment_row_joins_the_commitments_pool_and_without_a_declaration_there_is_no_capacity_and_no_idle()
    {
        var unused = new CostLine("azure-openai", null, null, October.Window, ChargeCategory.Usage, TokenDirection.None, 20.00m, UnusedCommitment: true, Commitment: "ptu-east");

        var result = Run(IdleTreatment.Share, declared: false, unused);

        // 120.00 over 600,000 : 300,000 tokens; nothing in the provider's general pool.
        Assert.Equal(80.00m, Amount(result, $"allocated|acme-retail|chat|||{Pool}"));
        Assert.Equal(40.00m, Amount(result, $"allocated|globex-bank|search|||{Pool}"));
        Assert.DoesNotContain(result.Lines, l => l.Pool == "vendor:azure-openai");
        var use = Assert.Single(result.Commitments);
        Assert.Equal((120.00m, (decimal?)null, (decimal?)null), (use.Cost, use.CapacityTokens, use.IdleCost));
    }
}
