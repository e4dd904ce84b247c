using System.Text;
using FinOps.Domain.Billing;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Anthropic;
using FinOps.Infrastructure.Ingest.Json;
using FinOps.Testing;

namespace FinOps.Infrastructure.Tests.Ingest;

public class AnthropicCostReportTests
{
    [Fact]
    public async Task Cents_become_dollars_and_token_types_become_directions()
    {
        await using var stream = File.OpenRead(TestFiles.AnthropicCostReport);
        using var input = await JsonInput.OpenAsync(stream, default);
        Assert.True(AnthropicCostReportFormat.Matches(input.Sample));

        var rows = AnthropicCostReportFormat.Read(input, Currency.USD).ToList();

        Assert.All(rows, r => Assert.Null(r.Problem));
        var lines = rows.Select(r => r.Record!).ToList();
        Assert.Equal([4.5m, 2.255m, 0.12345m, 0.3m, 10m], lines.Select(l => l.BilledCost));
        Assert.Equal([TokenDirection.Input, TokenDirection.Output, TokenDirection.CachedInput, TokenDirection.Input, TokenDirection.None],
            lines.Select(l => l.TokenDirection));
        Assert.All(lines, l => Assert.Equal("anthropic", l.Provider));
        Assert.Equal(DateTimeOffset.Parse("2026-10-06T00:00:00Z"), lines[4].ChargePeriodStart);
        Assert.Contains("wrkspc_support", lines[0].Tags);
    }

    [Theory]
    [InlineData("{\"currency\":\"USD\",\"amount\":4.5,\"cost_type\":\"tokens\",\"model\":\"m\",\"token_type\":\"output_tokens\"}", "amount", "amount 4.5 is not a decimal string in cents as the Anthropic API writes it (was the file converted to dollars?)")]
    [InlineData("{\"currency\":\"USD\",\"amount\":\"$4.50\",\"cost_type\":\"tokens\",\"model\":\"m\",\"token_type\":\"output_tokens\"}", "amount", "'$4.50' is not a number of cents")]
    [InlineData("{\"currency\":\"EUR\",\"amount\":\"450\",\"cost_type\":\"tokens\",\"model\":\"m\",\"token_type\":\"output_tokens\"}", "currency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    public async Task Amounts_that_are_not_cents_strings_are_refused_not_guessed(string result, string field, string reason)
    {
        var json = "{\"data\":[{\"starting_at\":\"2026-10-05T00:00:00Z\",\"ending_at\":\"2026-10-06T00:00:00Z\",\"results\":[" + result + "]}]}";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var input = await JsonInput.OpenAsync(stream, default);

        var parsed = AnthropicCostReportFormat.Read(input, Currency.USD).Single();

        Assert.Equal(field, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }
}
