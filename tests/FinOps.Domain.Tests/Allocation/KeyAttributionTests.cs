using FinOps.Domain.Allocation;
using FinOps.Domain.Billing;
using FinOps.Domain.Money;
using FinOps.Domain.Periods;
using FinOps.Domain.Pricing;

namespace FinOps.Domain.Tests.Allocation;

/// <summary>
/// Vendor attribution keys (SEMANTICS §4 step 0) on hand-sized days. gpt-4o at 2.00 input / 10.00 output per 1M;
/// every day acme-retail/chat and globex-bank/search each use 1,000,000 input tokens (list cost 2.00 each), and
/// initech/search uses 500,000 (1.00). Bills are one input line per day.
/// </summary>
public class KeyAttributionTests
{
    private static readonly ChargePeriod October = ChargePeriod.Of(2026, 10);
    private static readonly AttributionKey AcmeProject = new("openai", "openai_project", "proj_acme");
    private static readonly AttributionKey StrayProject = new("openai", "openai_project", "proj_stray");

    private static TimeWindow Day(int day) => new(new DateTimeOffset(2026, 10, day, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, day + 1, 0, 0, 0, TimeSpan.Zero));

    private static IEnumerable<UsageCell> UsageOn(int day, bool initech = true)
    {
        var at = new DateTimeOffset(2026, 10, day, 10, 0, 0, TimeSpan.Zero);
        yield return new UsageCell("acme-retail", "chat", "openai", "gpt-4o", 1, "", false, at, 1_000_000, 0, 0, 10, 0);
        yield return new UsageCell("globex-bank", "search", "openai", "gpt-4o", 1, "", false, at, 1_000_000, 0, 0, 10, 0);
        if (initech) yield return new UsageCell("initech", "search", "openai", "gpt-4o", 1, "", false, at, 500_000, 0, 0, 5, 0);
    }

    private static CostLine Bill(int day, decimal cost, params AttributionKey[] keys) =>
        new("openai", 1, "gpt-4o", Day(day), ChargeCategory.Usage, TokenDirection.Input, cost, Keys: keys);

    private static AllocationResult Run(IEnumerable<UsageCell> usage, IEnumerable<CostLine> bills, params KeyMapping[] mappings) =>
        Allocator.Run(new AllocationInput(October, Currency.USD, usage.ToList(), bills.ToList(), [], [],
            new PriceBook([(1, new Price(DateTimeOffset.Parse("2026-01-01T00:00:00Z"), 2.00m, 1.00m, 10.00m, "USD"))]), new Dictionary<string, int>())
        {
            KeyMappings = mappings,
        });

    private static decimal Amount(AllocationResult result, string key) => result.Lines.SingleOrDefault(l => l.Key == key)?.Amount ?? 0m;

    [Fact]
    public void A_mapped_line_belongs_to_its_tenant_and_unmapped_lines_beside_it_are_split_only_over_the_other_tenants()
    {
        // acme's project billed 3.00 on the 5th; the rest of the day's usage came through an unmapped project (6.00).
        var result = Run(UsageOn(5), [Bill(5, 3.00m, AcmeProject), Bill(5, 6.00m, StrayProject)],
            new KeyMapping(AcmeProject, "acme-retail", null, new DateOnly(2026, 10, 1)));

        Assert.Equal(3.00m, Amount(result, "direct|acme-retail|chat|openai|gpt-4o|"));
        // 6.00 over globex (2.00 of list cost) and initech (1.00): acme had a mapped line there and takes none of it.
        Assert.Equal(4.00m, Amount(result, "direct|globex-bank|search|openai|gpt-4o|"));
        Assert.Equal(2.00m, Amount(result, "direct|initech|search|openai|gpt-4o|"));
        var acme = result.Lines.Single(l => l.Tenant == "acme-retail");
        Assert.Equal((3.00m, "openai_project=proj_acme"), (acme.KeyAmount, acme.Keys));
        Assert.All(result.Lines.Where(l => l.Tenant != "acme-retail"), l => Assert.Equal((0m, (string?)null), (l.KeyAmount, l.Keys)));
        Assert.True(result.IdentityHolds);
    }

    [Fact]
    public void Without_a_mapping_the_same_lines_split_over_everyone_by_list_cost()
    {
        var result = Run(UsageOn(5), [Bill(5, 3.00m, AcmeProject), Bill(5, 6.00m, StrayProject)]);

        // 9.00 over list costs 2 : 2 : 1.
        Assert.Equal((3.60m, 3.60m, 1.80m), (Amount(result, "direct|acme-retail|chat|openai|gpt-4o|"), Amount(result, "direct|globex-bank|search|openai|gpt-4o|"),
            Amount(result, "direct|initech|search|openai|gpt-4o|")));
        Assert.All(result.Lines, l => Assert.Equal(0m, l.KeyAmount));
    }

    [Fact]
    public void A_mapped_line_is_split_over_its_tenants_features_and_one_with_no_usage_of_that_tenant_goes_to_its_unassigned_feature()
    {
        var at = new DateTimeOffset(2026, 10, 6, 9, 0, 0, TimeSpan.Zero);
        var usage = UsageOn(5, initech: false).Append(new UsageCell("acme-retail", "search", "openai", "gpt-4o", 1, "", false, at.AddDays(-1), 3_000_000, 0, 0, 5, 0));
        // The 5th: acme used chat (2.00) and search (6.00) → 4.00 splits 1.00 : 3.00. The 7th: acme logged nothing → (unassigned); a default feature when mapped with one.
        var result = Run(usage, [Bill(5, 4.00m, AcmeProject), Bill(7, 2.50m, AcmeProject), Bill(7, 1.25m, StrayProject)],
            new KeyMapping(AcmeProject, "acme-retail", null, new DateOnly(2026, 10, 1)));

        Assert.Equal(1.00m, Amount(result, "direct|acme-retail|chat|openai|gpt-4o|"));
        Assert.Equal(3.00m, Amount(result, "direct|acme-retail|search|openai|gpt-4o|"));
        Assert.Equal(2.50m, Amount(result, "direct|acme-retail|(unassigned)|openai|gpt-4o|"));
        Assert.Equal(2.50m, result.Lines.Single(l => l.Feature == "(unassigned)" && l.Type == LineType.Direct).KeyAmount);
        // Nobody logged gpt-4o on the 7th: the unmapped line is unattributed, into the vendor pool, split by direct cost like any of its pool.
        Assert.Equal(1.25m, Amount(result, "unallocated|(unallocated)||||vendor:openai") + result.Lines.Where(l => l.Pool == "vendor:openai" && l.Type == LineType.Allocated).Sum(l => l.Amount));
        Assert.True(result.IdentityHolds);

        var withDefault = Run(usage, [Bill(7, 2.50m, AcmeProject)], new KeyMapping(AcmeProject, "acme-retail", "platform", new DateOnly(2026, 10, 1)));
        Assert.Equal(2.50m, Amount(withDefault, "direct|acme-retail|platform|openai|gpt-4o|"));
    }

    [Fact]
    public void A_key_mapped_mid_period_attributes_only_the_lines_charged_from_its_effective_day()
    {
        var usage = UsageOn(5).Concat(UsageOn(20));
        var bills = new[] { Bill(5, 5.00m, AcmeProject), Bill(20, 5.00m, AcmeProject) };

        var result = Run(usage, bills, new KeyMapping(AcmeProject, "acme-retail", null, new DateOnly(2026, 10, 15)));

        // The 5th: before the mapping, split over all three (2 : 2 : 1); the 20th: all acme's.
        Assert.Equal(2.00m + 5.00m, Amount(result, "direct|acme-retail|chat|openai|gpt-4o|"));
        Assert.Equal(2.00m, Amount(result, "direct|globex-bank|search|openai|gpt-4o|"));
        Assert.Equal(1.00m, Amount(result, "direct|initech|search|openai|gpt-4o|"));
        Assert.Equal(5.00m, result.Lines.Single(l => l.Tenant == "acme-retail").KeyAmount);
        Assert.True(result.IdentityHolds);
    }

    [Fact]
    public void A_later_mapping_of_the_same_key_moves_its_lines_from_that_day_and_the_most_specific_key_decides()
    {
        var apiKey = new AttributionKey("openai", "openai_api_key", "key_globex");
        var usage = UsageOn(5).Concat(UsageOn(20));
        var result = Run(usage, [Bill(5, 5.00m, AcmeProject), Bill(20, 5.00m, AcmeProject, apiKey)],
            new KeyMapping(AcmeProject, "acme-retail", null, new DateOnly(2026, 10, 1)),
            new KeyMapping(AcmeProject, "initech", null, new DateOnly(2026, 10, 18)),
            new KeyMapping(apiKey, "globex-bank", null, new DateOnly(2026, 10, 1)));

        Assert.Equal(5.00m, Amount(result, "direct|acme-retail|chat|openai|gpt-4o|"));
        // The 20th carries both keys: the API key (more specific than the project) names globex.
        Assert.Equal(5.00m, Amount(result, "direct|globex-bank|search|openai|gpt-4o|"));
        Assert.Equal("openai_api_key=key_globex", result.Lines.Single(l => l.Tenant == "globex-bank").Keys);
        Assert.Equal(0m, Amount(result, "direct|initech|search|openai|gpt-4o|"));
    }

    [Theory]
    [InlineData("openai", "project_id", "proj_1", "openai_project")]
    [InlineData("openai", "api_key_id", "key_1", "openai_api_key")]
    [InlineData("anthropic", "workspace_id", "wrkspc_1", "anthropic_workspace")]
    [InlineData("aws-bedrock", "iam_principal", "arn:aws:iam::1:role/team-a", "aws_iam_principal")]
    [InlineData("aws-bedrock", "resource_tags_user_team", "search", "aws_tag:team")]
    [InlineData("aws-bedrock", "line_item_resource_id", "arn:aws:bedrock:us-east-1:1:application-inference-profile/abc", "aws_inference_profile")]
    [InlineData("azure-openai", "tag:team", "search", "azure_tag:team")]
    [InlineData("gcp-vertex", "labels.team", "search", "gcp_label:team")]
    [InlineData("anthropic", "tag:cost_center", "cc-7", "tag:cost_center")]
    public void Keys_are_read_from_the_columns_each_vendor_writes(string provider, string column, string value, string kind)
    {
        var key = Assert.Single(AttributionKeys.FromTags(provider, new Dictionary<string, string> { [column] = value }));
        Assert.Equal(new AttributionKey(provider, kind, value), key);
        Assert.Null(AttributionKeys.KindProblem(kind));
    }

    [Fact]
    public void Azure_deployments_and_resource_tags_are_read_from_their_json_columns()
    {
        var keys = AttributionKeys.FromTags("azure-openai", new Dictionary<string, string>
        {
            ["AdditionalInfo"] = "{\"DeploymentName\":\"gpt4o-prod\"}", ["Tags"] = "\"team\": \"platform\"",
        });

        Assert.Equal([new AttributionKey("azure-openai", "azure_tag:team", "platform"), new AttributionKey("azure-openai", "azure_deployment", "gpt4o-prod")],
            keys.OrderBy(k => k.Kind, StringComparer.Ordinal).Reverse());
    }

    [Fact]
    public void Unknown_kinds_are_refused_with_the_kinds_that_exist()
    {
        Assert.Contains("is not one FinOps reads", AttributionKeys.KindProblem("openai_team"));
        Assert.Equal("kind is required", AttributionKeys.KindProblem(" "));
        Assert.Empty(AttributionKeys.FromTags("openai", new Dictionary<string, string> { ["region"] = "us" }));
    }
}
