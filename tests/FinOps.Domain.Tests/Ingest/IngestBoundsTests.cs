using FinOps.Domain.Ingest;

namespace FinOps.Domain.Tests.Ingest;

public class IngestBoundsTests
{
    private static readonly IngestBounds Bounds = IngestBounds.Default(DateTimeOffset.Parse("2026-12-02T00:00:00Z"));

    private static UsageRecord Usage(DateTimeOffset? at = null, long input = 100, string requestId = "r-1", string model = "gpt-4o", string? tags = null) =>
        new("usage-csv", requestId, at ?? DateTimeOffset.Parse("2026-10-05T10:00:00Z"), "acme", "chat", "openai", model, input, 0, 10, null, null, null, null, null, tags);

    public static TheoryData<UsageRecord, string, string> OutOfBounds => new()
    {
        { Usage(at: DateTimeOffset.Parse("9999-12-31T00:00:00Z")), "occurred_at", "9999-12-31T00:00:00Z is outside the plausible range 2000-01-01 to 2036-12-02" },
        { Usage(at: DateTimeOffset.Parse("0001-01-01T00:00:00Z")), "occurred_at", "0001-01-01T00:00:00Z is outside the plausible range 2000-01-01 to 2036-12-02" },
        { Usage(input: long.MaxValue), "input_tokens", "9,223,372,036,854,775,807 tokens in one request is beyond the limit of 1,000,000,000" },
        { Usage(input: 1_000_000_001), "input_tokens", "1,000,000,001 tokens in one request is beyond the limit of 1,000,000,000" },
        { Usage(requestId: new string('r', 201)), "request_id", "201 characters is longer than the 200 this column holds" },
        { Usage(model: "gpt\0-4o"), "model", "contains a NUL character" },
        { Usage(tags: "{\"a\":\"" + new string('x', 70_000) + "\"}"), "tags", "70,008 characters is longer than the 65,536 this column holds" },
    };

    [Theory]
    [MemberData(nameof(OutOfBounds))]
    public void A_value_outside_its_plausible_range_is_a_row_problem_with_its_column_and_reason(UsageRecord record, string column, string reason)
    {
        var row = Assert.Single(Bounds.Apply([ParsedRow<UsageRecord>.Good(7, record, "")]));

        Assert.Null(row.Record);
        Assert.Equal(new RowProblem(7, column, reason), row.Problem);
        Assert.NotEmpty(row.RawText);
    }

    [Fact]
    public void Values_at_the_limits_pass_and_bad_rows_pass_through_unchanged()
    {
        var atLimits = Usage(at: IngestBounds.DefaultEarliest, input: IngestBounds.DefaultMaxTokens, requestId: new string('r', 200));
        var bad = ParsedRow<UsageRecord>.Bad(3, "tenant", "a tenant is required", "raw");

        var rows = Bounds.Apply([ParsedRow<UsageRecord>.Good(2, atLimits, ""), bad]).ToList();

        Assert.Same(atLimits, rows[0].Record);
        Assert.Equal(bad, rows[1]);
    }

    [Fact]
    public void Bill_and_infra_amounts_beyond_a_trillion_are_row_problems()
    {
        var bill = new BillingRecord("k", "openai", "acct", DateTimeOffset.Parse("2026-10-01T00:00:00Z"), DateTimeOffset.Parse("2026-11-01T00:00:00Z"),
            DateTimeOffset.Parse("2026-10-05T00:00:00Z"), DateTimeOffset.Parse("2026-10-06T00:00:00Z"), Billing.ChargeCategory.Usage, null, null, "gpt-4o",
            Billing.TokenDirection.Input, 1000, "tokens", 10_000_000_000_000m, 1m, null, "USD", null, null);
        var infra = new InfraCostRecord("pool", Infra.InfraCostCategory.Power, DateTimeOffset.Parse("2026-10-01T00:00:00Z"), DateTimeOffset.Parse("2026-11-01T00:00:00Z"),
            null, null, null, -2_000_000_000_000m, "USD", null);

        Assert.Equal(("billed_cost", "10,000,000,000,000 is beyond the plausible amount of ±1,000,000,000,000"), Bounds.Check(bill));
        Assert.Equal(("amount", "-2,000,000,000,000 is beyond the plausible amount of ±1,000,000,000,000"), Bounds.Check(infra));
    }
}
