using CsCheck;
using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Infra;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Allocation;

/// <summary>
/// Generated months (random usage, credits and zero weights, pools, drivers and idle treatments, vendor keys mapped from
/// the first or the middle of the month or not at all, a declared commitment used or not, currencies of 0–3 digits).
/// </summary>
public class AllocationPropertyTests
{
    private const int Cases = 10_000;
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly string[] Tenants = ["t1", "t2", "t3", "t4"];
    private static readonly string[] Pools = ["gpu-a", "gpu-b"];

    private static readonly PriceBook Prices = new([(1, new Price(October.Start, 2.5m, 1.25m, 10m, "USD", 50m))]); // model 2 has no card

    private static readonly Gen<UsageCell> Cell =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 2], Gen.Int[0, 3], Gen.Int[0, 30 * 24 - 1], Gen.Long[0, 2_000_000], Gen.Long[0, 500_000], Gen.Long[0, 900_000])
            .Select(Gen.Bool, Gen.Int[0, 5_000], (t, batch, gpu) =>
            {
                var (tenant, feature, kind, hour, uncached, cached, output) = t;
                var (provider, model, id, deployment) = kind switch
                {
                    0 when feature == 2 => ("openai", "gpt-4o", 1, "ptu"),
                    0 => ("openai", "gpt-4o", 1, ""),
                    1 => ("openai", "custom", 2, ""),
                    2 => ("self-hosted", "llama", 3, "gpu-a"),
                    _ => ("self-hosted", "llama", 3, "gpu-b"),
                };
                return new UsageCell(Tenants[tenant], $"f{feature}", provider, model, id, deployment, batch, October.Start.AddHours(hour), uncached, cached, output,
                    1 + uncached % 7, kind >= 2 ? gpu : 0);
            });

    private static readonly AttributionKey[][] Keys =
        [[new("openai", "openai_project", "proj0")], [new("openai", "openai_project", "proj1")], [], [new("openai", "openai_project", "proj9")]];

    private static readonly Gen<CostLine> Bill =
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 6], Gen.Decimal[-50m, 400m], Gen.Int[0, 3])
            .Select(t =>
            {
                var (day, kind, amount, direction) = t;
                var start = October.Start.AddDays(day);
                var cost = decimal.Round(amount, kind % 3 + 2);
                return kind switch
                {
                    6 => new CostLine("openai", null, null, new TimeWindow(start, start.AddDays(1)), ChargeCategory.Usage, TokenDirection.None, cost,
                        UnusedCommitment: direction == 0, Commitment: "ptu"),
                    5 => new CostLine("openai", null, null, new TimeWindow(start, start.AddDays(1)), ChargeCategory.Tax, TokenDirection.None, cost),
                    4 => new CostLine("openai", 2, "custom", new TimeWindow(start.AddHours(-12), start.AddDays(2)), ChargeCategory.Usage, TokenDirection.Mixed, cost),
                    _ => new CostLine("openai", 1, "gpt-4o", new TimeWindow(start, start.AddDays(1)), ChargeCategory.Usage,
                        (TokenDirection)(direction % 3 + 1), cost, Keys: Keys[(day + direction) % 4]),
                };
            });

    private static readonly Gen<InfraCostLine> Infra =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2], Gen.Decimal[0m, 5_000m], Gen.Int[0, 100])
            .Select(t => new InfraCostLine(Pools[t.Item1], (InfraCostCategory)t.Item2, new TimeWindow(October.Start.AddDays(-3), October.End.AddDays(t.Item4)),
                decimal.Round(t.Item3, 4), t.Item2 == 0 ? t.Item4 : null));

    private static readonly Gen<AllocationRule> Rule =
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 9], Gen.Int[0, 2], Gen.Bool)
            .Select(t =>
            {
                var (pool, driver, idle, tenantLevel) = t;
                var none = new HashSet<string>();
                return new AllocationRule(Pools[pool], 1, Pools[pool], (Driver)driver, tenantLevel ? TargetLevel.Tenant : TargetLevel.TenantFeature,
                    new UsageFilter(new HashSet<string> { Pools[pool] }, none, none, none), (IdleTreatment)idle, new DateOnly(2026, 1, 1),
                    Weights: (1m, 0.5m, 3m), Shares: new Dictionary<string, decimal> { ["t1"] = 60m, ["t2"] = 40m }, PlatformTenant: "platform");
            });

    internal static readonly Gen<AllocationInput> Month =
        Gen.Select(Cell.Array[0, 40], Bill.Array[0, 12], Infra.Array[0, 4], Rule.Array[0, 2], Gen.OneOf(Currency.USD, Currency.JPY, Currency.BHD))
            .Select(t => new AllocationInput(October, t.Item5, t.Item1, t.Item2, t.Item3,
                t.Item4.DistinctBy(r => r.Pool).ToList(), Prices, new Dictionary<string, int>())
            {
                KeyMappings =
                [
                    new KeyMapping(Keys[0][0], "t1", null, new DateOnly(2026, 10, 1)),
                    new KeyMapping(Keys[1][0], "t3", "f1", new DateOnly(2026, 10, 15)),
                ],
                Commitments = [new DeclaredCommitment("openai", "ptu", "ptu", 50m, new DateOnly(2026, 10, 10))],
            });

    [Fact]
    public void Every_cost_is_in_the_lines_exactly_and_the_rounded_lines_sum_to_the_rounded_total()
    {
        Month.Sample(input =>
        {
            var result = Allocator.Run(input);
            Assert.Equal(result.CostTotal, result.ExactTotal);
            Assert.Equal(decimal.Round(result.ExactTotal, input.Currency.MinorDigits, MidpointRounding.ToEven), result.Total);
            Assert.Equal(result.Total, result.Lines.Sum(l => l.Amount));
            Assert.True(result.IdentityHolds);
        }, iter: Cases);
    }

    [Fact]
    public void Every_line_is_within_one_minor_unit_of_its_exact_amount()
    {
        Month.Sample(input =>
        {
            var unit = 1m / input.Currency.MinorUnitsPerMajor;
            foreach (var line in Allocator.Run(input).Lines)
                Assert.True(Math.Abs(line.Amount - line.ExactAmount) < unit, $"{line.Key}: {line.Amount} vs {line.ExactAmount}");
        }, iter: Cases);
    }

    [Fact]
    public void The_order_of_the_inputs_does_not_change_a_single_line()
    {
        Gen.Select(Month, Gen.Int).Sample((input, seed) =>
        {
            var random = new Random(seed);
            var shuffled = input with
            {
                Usage = input.Usage.OrderBy(_ => random.Next()).ToList(),
                Bills = input.Bills.OrderBy(_ => random.Next()).ToList(),
                Infra = input.Infra.OrderBy(_ => random.Next()).ToList(),
            };
            Assert.Equal(Allocator.Run(input).Lines.Select(l => (l.Key, l.Amount)), Allocator.Run(shuffled).Lines.Select(l => (l.Key, l.Amount)));
        }, iter: Cases);
    }

    [Fact]
    public void Each_infra_pool_is_conserved_across_its_allocated_idle_and_unallocated_lines()
    {
        Month.Sample(input =>
        {
            var lines = Allocator.Run(input).Lines;
            foreach (var pool in Pools)
            {
                var cost = input.Infra.Where(c => c.Pool == pool).Sum(c => decimal.Round(ProRating.PortionIn(c.Amount, c.Span, October.Window), Allocator.Grid, MidpointRounding.ToEven));
                Assert.Equal(cost, lines.Where(l => l.Pool == pool).Sum(l => l.ExactAmount));
            }
        }, iter: Cases);
    }
}
