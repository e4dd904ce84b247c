using System.Globalization;
using FinOps.Infrastructure.Ingest.Csv;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Json;

using static FinOps.Infrastructure.Ingest.Json.BucketPages;

namespace FinOps.Infrastructure.Ingest.OpenAi;

/// <summary>
/// Pages of the OpenAI Costs API (<c>/v1/organization/costs</c>) saved as JSON — one page per file, or one page
/// per line: daily buckets (Unix seconds, end exclusive) of results with <c>amount.value</c> in dollars and
/// <c>line_item</c> such as <c>gpt-4o-2024-08-06, input</c>; <c>quantity</c> in <c>tokens</c> or
/// <c>1000_tokens</c> when grouped so. A result without a line item is a cost with no model.
/// </summary>
public static class OpenAiCostsJsonFormat
{
    public const string Name = "openai-costs";

    internal static bool Matches(JsonElement? sample) =>
        BucketPages.AnyResult(sample, x => x.TryGetProperty("object", out var o) && o.GetString() == "organization.costs.result");

    internal static IEnumerable<ParsedRow<BillingRecord>> Read(JsonInput json, Currency organisationCurrency) =>
        BucketPages.Read(json, (bucket, result, number) => Parse(bucket, result, number, organisationCurrency));

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static ParsedRow<BillingRecord> Parse(JsonElement bucket, JsonElement result, long number, Currency organisationCurrency)
    {
        var raw = result.GetRawText();
        ParsedRow<BillingRecord> Bad(string field, string reason, decimal cost = 0m) => ParsedRow<BillingRecord>.Bad(number, field, reason, raw, cost);

        if (!result.TryGetProperty("amount", out var amount) || !amount.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
            return Bad("amount.value", "a numeric amount.value is required");
        if (!value.TryGetDecimal(out var dollars)) return Bad("amount.value", $"{Short(value.GetRawText())} is beyond any amount a bill holds");
        if (!BucketPages.TryUnix(bucket, "start_time", out var start)) return Bad("start_time", "start_time is not a time in Unix seconds", Math.Abs(dollars));
        if (!BucketPages.TryUnix(bucket, "end_time", out var end)) return Bad("end_time", "end_time is not a time in Unix seconds", Math.Abs(dollars));
        if (end < start) return Bad("end_time", "the bucket ends before it starts", Math.Abs(dollars));
        var currencyText = amount.TryGetProperty("currency", out var c) ? c.GetString() : "usd";
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("amount.currency", Fields.NotACurrency(currencyText), Math.Abs(dollars));
        if (currency != organisationCurrency)
            return Bad("amount.currency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)", Math.Abs(dollars));

        var item = Text(result, "line_item");
        decimal? tokens = null;
        if (result.TryGetProperty("quantity", out var quantity) && quantity.ValueKind == JsonValueKind.Number)
        {
            var unit = Text(result, "quantity_unit");
            var perUnit = unit switch { "tokens" => 1m, "1000_tokens" => 1000m, "1m_tokens" => 1_000_000m, _ => (decimal?)null };
            if (perUnit is null) return Bad("quantity_unit", $"'{unit}' is not a token unit FinOps knows (tokens, 1000_tokens)", Math.Abs(dollars));
            if (!quantity.TryGetDecimal(out var count) || Math.Abs(count) > IngestBounds.MaxBilledQuantity)
                return Bad("quantity", $"{Short(quantity.GetRawText())} is beyond any token quantity a bill holds", Math.Abs(dollars));
            tokens = count * perUnit;
        }
        var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var tags = new Dictionary<string, string>();
        foreach (var name in new[] { "project_id", "api_key_id" })
            if (Text(result, name) is { } tag) tags[name] = tag;
        return ParsedRow<BillingRecord>.Good(number, new BillingRecord(
            BillingRows.NaturalKey("openai", start.ToString("O", CultureInfo.InvariantCulture), item, Text(result, "project_id"), Text(result, "api_key_id")),
            ProviderSlugs.ForLlm("openai"), "openai", month, month.AddMonths(1), start, end, ChargeCategory.Usage, "OpenAI API",
            item?.Split(',')[0].Trim(), item?.ToLowerInvariant(), item is null ? TokenDirection.None : TokenMeters.DirectionOf(item),
            tokens, tokens is null ? null : "tokens", dollars, dollars, null, currency.Code, null,
            tags.Count == 0 ? null : JsonSerializer.Serialize(tags)), "", Math.Abs(dollars));
    }


}

internal sealed class OpenAiCostsJsonBilling : IBillingCsvFormat
{
    public string Name => OpenAiCostsJsonFormat.Name;
    public IReadOnlyList<string> RequiredColumns => [];
    public bool Matches(IngestInput input) => input.Json is { } json && OpenAiCostsJsonFormat.Matches(json.Sample);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) =>
        OpenAiCostsJsonFormat.Read(input.Json!, organisationCurrency);
}
