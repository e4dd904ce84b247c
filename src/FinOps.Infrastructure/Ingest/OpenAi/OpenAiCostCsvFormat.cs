using System.Globalization;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.OpenAi;

/// <summary>
/// The OpenAI dashboard's cost CSV (one row per day × line item, like the Costs API): <c>line_item</c> such as
/// <c>gpt-4o-2024-08-06, input</c> gives the model and direction; amounts are dollars. Times are Unix seconds or
/// ISO-8601; the billing period is the UTC month of the row. Project and organisation are kept as tags.
/// </summary>
public static class OpenAiCostCsvFormat
{
    public const string Name = "openai-costs-csv";

    public static readonly string[] Required = ["start_time", "end_time", "amount_value", "amount_currency", "line_item"];

    private static readonly IReadOnlySet<string> Mapped = new HashSet<string>(Required.Append("organization_id"), StringComparer.OrdinalIgnoreCase);

    public static bool Matches(IReadOnlyList<string> headers) => Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<BillingRecord>> Read(CsvTable csv, Currency organisationCurrency)
    {
        while (csv.Read()) yield return csv.MalformedRow<BillingRecord>() ?? ParseRow(csv, organisationCurrency);
    }

    private static bool TryInstant(string? text, out DateTimeOffset instant, out string reason)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            instant = DateTimeOffset.FromUnixTimeSeconds(seconds);
            reason = "";
            return true;
        }
        return Timestamps.TryParseUtc(text ?? "", out instant, out reason);
    }

    private static ParsedRow<BillingRecord> ParseRow(CsvTable csv, Currency organisationCurrency)
    {
        var line = csv.Line;
        var amountText = csv.Get("amount_value");
        var absolute = Fields.TryDecimal(amountText, out var amount, out _) ? Math.Abs(amount) : 0m;
        ParsedRow<BillingRecord> Bad(string column, string reason) => ParsedRow<BillingRecord>.Bad(line, column, reason, csv.RawText, absolute);

        if (!Fields.TryDecimal(amountText, out amount, out var why)) return Bad("amount_value", why);
        if (!TryInstant(csv.Get("start_time"), out var start, out why)) return Bad("start_time", why);
        if (!TryInstant(csv.Get("end_time"), out var end, out why)) return Bad("end_time", why);
        if (end < start) return Bad("end_time", "the row ends before it starts");
        var currencyText = csv.Get("amount_currency");
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("amount_currency", Fields.NotACurrency(currencyText));
        if (currency != organisationCurrency)
            return Bad("amount_currency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)");
        var item = csv.Get("line_item");
        if (item is null) return Bad("line_item", "a line item is required");

        var account = csv.Get("organization_id") ?? "openai";
        var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var modelText = item.ToLowerInvariant();
        return ParsedRow<BillingRecord>.Good(line, new BillingRecord(
            BillingRows.NaturalKey("openai", account, start.ToString("O", CultureInfo.InvariantCulture), item, csv.Get("project_id")),
            // The SKU is the model part of "gpt-4o-2024-08-06, input": what an alias maps.
            ProviderSlugs.ForLlm("openai"), account, month, month.AddMonths(1), start, end, ChargeCategory.Usage, "OpenAI API", item.Split(',')[0].Trim(),
            modelText, TokenMeters.DirectionOf(item), null, null, amount, amount, null, currency.Code, null,
            BillingRows.Tags(csv, Mapped)), "", Math.Abs(amount));
    }
}

internal sealed class OpenAiCostBilling : IBillingCsvFormat
{
    public string Name => OpenAiCostCsvFormat.Name;
    public IReadOnlyList<string> RequiredColumns => OpenAiCostCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && OpenAiCostCsvFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => OpenAiCostCsvFormat.Read(input.Csv!, organisationCurrency);
}
