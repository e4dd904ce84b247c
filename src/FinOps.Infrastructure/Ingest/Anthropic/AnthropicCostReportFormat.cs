using System.Globalization;
using FinOps.Infrastructure.Ingest.Csv;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Json;

using static FinOps.Infrastructure.Ingest.Json.BucketPages;

namespace FinOps.Infrastructure.Ingest.Anthropic;

/// <summary>
/// The Anthropic Admin API cost report (<c>/v1/organizations/cost_report</c>) saved as JSON: pages of daily buckets
/// whose <c>amount</c> is a decimal <b>string in cents</b> (<c>"123.45"</c> = $1.2345). A number where the string
/// belongs is refused rather than guessed at: it is the sign of a file converted to dollars on the way.
/// <c>token_type</c> gives the direction; web search and code execution are costs with no tokens.
/// </summary>
public static class AnthropicCostReportFormat
{
    public const string Name = "anthropic-cost";

    internal static bool Matches(JsonElement? sample) =>
        BucketPages.AnyResult(sample, x => x.TryGetProperty("amount", out _) && x.TryGetProperty("cost_type", out _));

    internal static IEnumerable<ParsedRow<BillingRecord>> Read(JsonInput json, Currency organisationCurrency) =>
        BucketPages.Read(json, (bucket, result, number) => ParseResult(bucket, result, number, organisationCurrency));

    private static ParsedRow<BillingRecord> ParseResult(JsonElement bucket, JsonElement result, long number, Currency organisationCurrency)
    {
        var raw = result.GetRawText();
        ParsedRow<BillingRecord> Bad(string field, string reason, decimal cost = 0m) => ParsedRow<BillingRecord>.Bad(number, field, reason, raw, cost);

        if (!result.TryGetProperty("amount", out var amount)) return Bad("amount", "an amount is required");
        if (amount.ValueKind != JsonValueKind.String)
            return Bad("amount", $"amount {amount.GetRawText()} is not a decimal string in cents as the Anthropic API writes it (was the file converted to dollars?)");
        if (!decimal.TryParse(amount.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cents))
            return Bad("amount", $"'{amount.GetString()}' is not a number of cents");
        var dollars = cents / 100m;
        if (!Timestamps.TryParseUtc(Text(bucket, "starting_at") ?? "", out var start, out var why)) return Bad("starting_at", why, Math.Abs(dollars));
        if (!Timestamps.TryParseUtc(Text(bucket, "ending_at") ?? "", out var end, out why)) return Bad("ending_at", why, Math.Abs(dollars));
        if (end < start) return Bad("ending_at", "the bucket ends before it starts", Math.Abs(dollars));
        var currencyText = Text(result, "currency") ?? "USD";
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("currency", Fields.NotACurrency(currencyText), Math.Abs(dollars));
        if (currency != organisationCurrency)
            return Bad("currency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)", Math.Abs(dollars));

        var costType = Text(result, "cost_type") ?? "tokens";
        var tokenType = Text(result, "token_type");
        var direction = costType != "tokens" ? TokenDirection.None : tokenType switch
        {
            "uncached_input_tokens" => TokenDirection.Input,
            "output_tokens" => TokenDirection.Output,
            "cache_read_input_tokens" => TokenDirection.CachedInput,
            { } t when t.StartsWith("cache_creation", StringComparison.Ordinal) => TokenDirection.Input,
            _ => TokenDirection.Mixed,
        };
        var model = Text(result, "model");
        var description = Text(result, "description");
        var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var tags = new Dictionary<string, string>();
        foreach (var name in new[] { "workspace_id", "service_tier", "context_window", "cost_type", "token_type" })
            if (Text(result, name) is { } value) tags[name] = value;
        return ParsedRow<BillingRecord>.Good(number, new BillingRecord(
            BillingRows.NaturalKey("anthropic", start.ToString("O", CultureInfo.InvariantCulture), model, tokenType, costType,
                Text(result, "workspace_id"), Text(result, "service_tier"), Text(result, "context_window"), description),
            ProviderSlugs.ForLlm("anthropic"), "anthropic", month, month.AddMonths(1), start, end,
            ChargeCategory.Usage, "Claude API", model,
            model is null && description is null ? null : string.Join(" | ", new[] { model, description }.Where(t => t is not null)).ToLowerInvariant(),
            direction, null, null, dollars, dollars, null, currency.Code, null, JsonSerializer.Serialize(tags)), "", Math.Abs(dollars));
    }

}

internal sealed class AnthropicCostBilling : IBillingCsvFormat
{
    public string Name => AnthropicCostReportFormat.Name;
    public IReadOnlyList<string> RequiredColumns => [];
    public bool Matches(IngestInput input) => input.Json is { } json && AnthropicCostReportFormat.Matches(json.Sample);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) =>
        AnthropicCostReportFormat.Read(input.Json!, organisationCurrency);
}
