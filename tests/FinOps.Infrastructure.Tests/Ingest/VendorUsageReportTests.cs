using System.Text;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Json;
using FinOps.Infrastructure.Ingest.VendorUsage;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class VendorUsageReportTests
{
    [Fact]
    public async Task OpenAi_completions_usage_splits_input_into_uncached_and_cached_with_no_cost()
    {
        var rows = await ReadAsync(TestFiles.OpenAiUsageCompletions, OpenAiUsageFormat.Matches, OpenAiUsageFormat.Read);

        Assert.All(rows, r => Assert.Null(r.Problem));
        var lines = rows.Select(r => r.Record!).ToList();
        // Zero counts (the mini model's cached input) make no line.
        Assert.Equal([1_000_000m, 200_000m, 300_000m, 500_000m, 50_000m, 700_000m, 100_000m, 200_000m], lines.Select(l => l.Quantity!.Value));
        Assert.Equal([TokenDirection.Input, TokenDirection.CachedInput, TokenDirection.Output, TokenDirection.Input, TokenDirection.Output,
            TokenDirection.Input, TokenDirection.CachedInput, TokenDirection.Output], lines.Select(l => l.TokenDirection));
        Assert.All(lines, l => Assert.Equal((0m, 0m, "openai", "USD"), (l.BilledCost, l.EffectiveCost, l.Provider, l.Currency)));
        Assert.Equal(DateTimeOffset.Parse("2026-10-02T00:00:00Z"), lines[5].ChargePeriodStart);
        Assert.Equal("gpt-4o-mini-2024-07-18", lines[3].ModelText);
        Assert.Contains("\"batch\":\"true\"", lines[3].Tags);
        Assert.Contains("\"num_model_requests\":\"1500\"", lines[0].Tags);
        Assert.Equal(lines.Count, lines.Select(l => l.NaturalKey).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), rows.Select(r => r.Line));
    }

    [Fact]
    public async Task The_openai_usage_example_without_grouping_has_no_model()
    {
        var rows = await ReadAsync(TestFiles.OpenAiUsageApiExample, OpenAiUsageFormat.Matches, OpenAiUsageFormat.Read);

        Assert.Equal([600m, 400m, 500m], rows.Select(r => r.Record!.Quantity!.Value));
        Assert.All(rows, r => Assert.Null(r.Record!.ModelText));
    }

    [Fact]
    public async Task Anthropic_usage_keeps_the_cost_reports_token_types_and_counts_cache_writes_as_input()
    {
        var rows = await ReadAsync(TestFiles.AnthropicUsageReport, AnthropicUsageFormat.Matches, AnthropicUsageFormat.Read);

        var lines = rows.Select(r => r.Record!).ToList();
        Assert.Equal([900_000m, 50_000m, 10_000m, 400_000m, 150_000m, 200_000m, 40_000m], lines.Select(l => l.Quantity!.Value));
        Assert.Equal([TokenDirection.Input, TokenDirection.Input, TokenDirection.Input, TokenDirection.CachedInput, TokenDirection.Output,
            TokenDirection.Input, TokenDirection.Output], lines.Select(l => l.TokenDirection));
        Assert.Contains("\"token_type\":\"cache_creation.ephemeral_1h_input_tokens\"", lines[2].Tags);
        Assert.Contains("\"web_search_requests\":\"12\"", lines[0].Tags);
        Assert.All(lines, l => Assert.Equal(0m, l.BilledCost));
    }

    [Fact]
    public async Task A_cost_report_is_not_taken_for_a_usage_report_nor_the_other_way_round()
    {
        await using var cost = File.OpenRead(TestFiles.AnthropicCostReport);
        using var costInput = await JsonInput.OpenAsync(cost, default);
        await using var usage = File.OpenRead(TestFiles.AnthropicUsageReport);
        using var usageInput = await JsonInput.OpenAsync(usage, default);

        Assert.False(AnthropicUsageFormat.Matches(costInput.Sample));
        Assert.True(AnthropicUsageFormat.Matches(usageInput.Sample));
        Assert.False(OpenAiUsageFormat.Matches(usageInput.Sample));
        Assert.False(FinOps.Infrastructure.Ingest.Anthropic.AnthropicCostReportFormat.Matches(usageInput.Sample));
    }

    [Theory]
    [InlineData("openai", "{\"start_time\":1790812800,\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":-5,\"output_tokens\":1}]}", "input_tokens", "input_tokens is negative (-5)")]
    [InlineData("openai", "{\"start_time\":1790812800,\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":\"12\",\"output_tokens\":1}]}", "input_tokens", "input_tokens is not a whole number of tokens")]
    [InlineData("openai", "{\"start_time\":1790812800,\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1.5,\"output_tokens\":1}]}", "input_tokens", "input_tokens is not a whole number of tokens")]
    [InlineData("openai", "{\"start_time\":1790812800,\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":10,\"input_cached_tokens\":20,\"output_tokens\":1}]}", "input_cached_tokens", "20 cached tokens exceed the 10 input tokens they are part of")]
    [InlineData("openai", "{\"start_time\":1790812800,\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"output_tokens\":1}]}", "input_tokens", "a completions usage result needs input_tokens and output_tokens")]
    [InlineData("openai", "{\"start_time\":\"2026-10-01\",\"end_time\":1790899200,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1,\"output_tokens\":1}]}", "start_time", "start_time is not a time in Unix seconds")]
    [InlineData("openai", "{\"start_time\":1790899200,\"end_time\":1790812800,\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":1,\"output_tokens\":1}]}", "end_time", "the bucket ends before it starts")]
    [InlineData("anthropic", "{\"starting_at\":\"5 Oct 2026\",\"ending_at\":\"2026-10-06T00:00:00Z\",\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":1}]}", "starting_at", "'5 Oct 2026' is not an ISO-8601 timestamp")]
    [InlineData("anthropic", "{\"starting_at\":\"2026-10-05T00:00:00Z\",\"ending_at\":\"2026-10-06T00:00:00Z\",\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":-1}]}", "output_tokens", "output_tokens is negative (-1)")]
    [InlineData("anthropic", "{\"starting_at\":\"2026-10-05T00:00:00Z\",\"ending_at\":\"2026-10-06T00:00:00Z\",\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":1,\"cache_creation\":{\"ephemeral_5m_input_tokens\":\"many\"}}]}", "cache_creation.ephemeral_5m_input_tokens", "ephemeral_5m_input_tokens is not a whole number of tokens")]
    [InlineData("anthropic", "{\"starting_at\":\"2026-10-06T00:00:00Z\",\"ending_at\":\"2026-10-05T00:00:00Z\",\"results\":[{\"uncached_input_tokens\":1,\"output_tokens\":1}]}", "ending_at", "the bucket ends before it starts")]
    public async Task Malformed_usage_results_are_refused_with_the_field_and_reason(string vendor, string bucket, string field, string reason)
    {
        var json = "{\"data\":[" + bucket + "]}";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var input = await JsonInput.OpenAsync(stream, default);

        var parsed = (vendor == "openai" ? OpenAiUsageFormat.Read(input, Currency.USD) : AnthropicUsageFormat.Read(input, Currency.USD)).Single();

        Assert.Equal(field, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }

    private static async Task<List<ParsedRow<BillingRecord>>> ReadAsync(string path, Func<System.Text.Json.JsonElement?, bool> matches,
        Func<JsonInput, Currency, IEnumerable<ParsedRow<BillingRecord>>> read)
    {
        await using var stream = File.OpenRead(path);
        using var input = await JsonInput.OpenAsync(stream, default);
        Assert.True(matches(input.Sample));
        return read(input, Currency.USD).ToList();
    }
}
