using System.Text;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Json;
using FinOps.Infrastructure.Ingest.OpenAi;

namespace FinOps.Infrastructure.Tests.Ingest;

public class OpenAiCostsJsonTests
{
    private static async Task<FinOps.Domain.Ingest.ParsedRow<FinOps.Domain.Ingest.BillingRecord>> ParseOneAsync(string result)
    {
        var page = "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1791158400,\"end_time\":1791244800,\"results\":[" + result + "]}]}";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(page));
        using var input = await JsonInput.OpenAsync(stream, default);
        Assert.True(OpenAiCostsJsonFormat.Matches(input.Sample));
        return OpenAiCostsJsonFormat.Read(input, Currency.USD).Single();
    }

    [Theory]
    [InlineData("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.5\",\"currency\":\"usd\"},\"line_item\":\"gpt-4o, input\"}", "amount.value", "a numeric amount.value is required")]
    [InlineData("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.5,\"currency\":\"eur\"},\"line_item\":\"gpt-4o, input\"}", "amount.currency", "EUR is not the organisation currency USD (FX conversion is planned)")]
    [InlineData("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.5,\"currency\":\"usd\"},\"line_item\":\"gpt-4o, input\",\"quantity\":3,\"quantity_unit\":\"images\"}", "quantity_unit", "'images' is not a token unit FinOps knows (tokens, 1000_tokens)")]
    public async Task Malformed_results_name_their_field_and_reason(string result, string field, string reason)
    {
        var parsed = await ParseOneAsync(result);

        Assert.Equal(field, parsed.Problem!.Column);
        Assert.Equal(reason, parsed.Problem.Reason);
    }

    [Fact]
    public async Task Token_quantities_in_thousands_become_tokens()
    {
        var parsed = await ParseOneAsync("{\"object\":\"organization.costs.result\",\"amount\":{\"value\":1.2,\"currency\":\"usd\"},\"line_item\":\"gpt-4o-2024-08-06, output\",\"quantity\":120,\"quantity_unit\":\"1000_tokens\"}");

        Assert.Equal(120_000m, parsed.Record!.Quantity);
        Assert.Equal(FinOps.Domain.Billing.TokenDirection.Output, parsed.Record.TokenDirection);
    }
}
