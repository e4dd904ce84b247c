using System.Globalization;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Cur;

/// <summary>
/// AWS CUR 2.0 / Data Exports CSV. Bedrock lines carry the model and direction in <c>line_item_usage_type</c>
/// (<c>USE1-Claude3Sonnet-input-tokens</c>, <c>…-cache-read-input-token-count</c>, tier and cross-region
/// suffixes) and count in <c>1K tokens</c>; the IAM principal and tags are kept as attribution keys (tags).
/// </summary>
public static class CurCsvFormat
{
    public const string Name = "aws-cur";

    public static readonly string[] Required =
    [
        "bill_payer_account_id", "bill_billing_period_start_date", "bill_billing_period_end_date", "line_item_line_item_type",
        "line_item_usage_start_date", "line_item_usage_end_date", "line_item_product_code", "line_item_unblended_cost",
        "line_item_currency_code",
    ];

    private static readonly IReadOnlySet<string> Mapped = new HashSet<string>(Required.Concat(
    [
        "line_item_usage_type", "line_item_usage_amount", "pricing_unit", "line_item_net_unblended_cost", "pricing_public_on_demand_cost",
        "line_item_line_item_description", "identity_line_item_id", "identity_time_interval", "line_item_iam_principal",
    ]), StringComparer.OrdinalIgnoreCase);

    public static bool Matches(IReadOnlyList<string> headers) => Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<BillingRecord>> Read(CsvTable csv, Currency organisationCurrency)
    {
        while (csv.Read()) yield return csv.MalformedRow<BillingRecord>() ?? ParseRow(csv, organisationCurrency);
    }

    private static ChargeCategory? CategoryOf(string type) => type switch
    {
        "Usage" or "DiscountedUsage" or "SavingsPlanCoveredUsage" => ChargeCategory.Usage,
        "Tax" => ChargeCategory.Tax,
        "Credit" or "Refund" => ChargeCategory.Credit,
        "Fee" or "RIFee" or "SavingsPlanUpfrontFee" or "SavingsPlanRecurringFee" => ChargeCategory.Purchase,
        "BundledDiscount" or "Discount" or "SavingsPlanNegation" or "EdpDiscount" or "PrivateRateDiscount" => ChargeCategory.Adjustment,
        _ => null,
    };

    private static ParsedRow<BillingRecord> ParseRow(CsvTable csv, Currency organisationCurrency)
    {
        var line = csv.Line;
        var costText = csv.Get("line_item_unblended_cost");
        var cost = Fields.TryDecimal(costText, out var unblended, out _) ? Math.Abs(unblended) : 0m;
        ParsedRow<BillingRecord> Bad(string column, string reason) => ParsedRow<BillingRecord>.Bad(line, column, reason, csv.RawText, cost);

        if (!Fields.TryDecimal(costText, out unblended, out var why)) return Bad("line_item_unblended_cost", why);
        var account = csv.Get("bill_payer_account_id");
        if (account is null) return Bad("bill_payer_account_id", "a payer account is required");
        if (!Timestamps.TryParseUtc(csv.Get("bill_billing_period_start_date") ?? "", out var billingStart, out why)) return Bad("bill_billing_period_start_date", why);
        if (!Timestamps.TryParseUtc(csv.Get("bill_billing_period_end_date") ?? "", out var billingEnd, out why)) return Bad("bill_billing_period_end_date", why);
        if (!Timestamps.TryParseUtc(csv.Get("line_item_usage_start_date") ?? "", out var start, out why)) return Bad("line_item_usage_start_date", why);
        if (!Timestamps.TryParseUtc(csv.Get("line_item_usage_end_date") ?? "", out var end, out why)) return Bad("line_item_usage_end_date", why);
        if (end < start) return Bad("line_item_usage_end_date", "the usage ends before it starts");
        var type = csv.Get("line_item_line_item_type") ?? "";
        if (CategoryOf(type) is not { } category) return Bad("line_item_line_item_type", $"'{type}' is not a CUR line item type FinOps knows");
        var currencyText = csv.Get("line_item_currency_code");
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("line_item_currency_code", Fields.NotACurrency(currencyText));
        if (currency != organisationCurrency)
            return Bad("line_item_currency_code", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)");
        var effective = unblended;
        if (csv.Get("line_item_net_unblended_cost") is { } netText && !Fields.TryDecimal(netText, out effective, out why)) return Bad("line_item_net_unblended_cost", why);
        decimal? list = null;
        if (csv.Get("pricing_public_on_demand_cost") is { } listText)
        {
            if (!Fields.TryDecimal(listText, out var listValue, out why)) return Bad("pricing_public_on_demand_cost", why);
            list = listValue;
        }

        var usageType = csv.Get("line_item_usage_type");
        var unit = csv.Get("pricing_unit");
        var isTokenRow = TokenMeters.IsTokenUnit(unit) || (usageType?.Contains("token", StringComparison.OrdinalIgnoreCase) ?? false);
        decimal? quantity = null;
        if (csv.Get("line_item_usage_amount") is { } amountText)
        {
            if (!Fields.TryDecimal(amountText, out var amount, out why)) return Bad("line_item_usage_amount", why);
            quantity = isTokenRow ? amount * (TokenMeters.TokensPerUnit(unit) ?? 1m) : amount;
        }
        var description = csv.Get("line_item_line_item_description");
        var product = csv.Get("line_item_product_code")!;
        var provider = isTokenRow || product.StartsWith("AmazonBedrock", StringComparison.OrdinalIgnoreCase) ? ProviderSlugs.ForLlm("aws") : ProviderSlugs.ForCloud("aws");
        var modelText = isTokenRow ? string.Join(" | ", new[] { usageType, description, csv.Get("line_item_resource_id") }.Where(t => t is not null)).ToLowerInvariant() : null;

        var attribution = new List<KeyValuePair<string, string>>();
        if (csv.Get("line_item_iam_principal") is { } principal) attribution.Add(new("iam_principal", principal));
        // Bedrock provisioned throughput: reserved model units paid by the hour, the provisioned model's ARN naming the commitment.
        var provisioned = provider == ProviderSlugs.ForLlm("aws") && (usageType?.Contains("Provisioned", StringComparison.OrdinalIgnoreCase) ?? false);
        if (provisioned) attribution.Add(new(Domain.Billing.Commitments.Tag, csv.Get("line_item_resource_id") ?? usageType!));

        return ParsedRow<BillingRecord>.Good(line, new BillingRecord(
            BillingRows.NaturalKey("aws", account, csv.Get("identity_line_item_id"), csv.Get("identity_time_interval"),
                csv.Get("identity_line_item_id") is null ? string.Join('|', start.ToString("O", CultureInfo.InvariantCulture), usageType, csv.Get("line_item_resource_id"), type) : null),
            provider, account, billingStart, billingEnd, start, end, category, product, usageType, modelText,
            isTokenRow ? TokenMeters.DirectionOf(usageType, description) : TokenDirection.None,
            quantity, isTokenRow ? "tokens" : unit, unblended, effective, list, currency.Code, provisioned ? "Used" : null,
            BillingRows.Tags(csv, Mapped, attribution)), "", Math.Abs(unblended));
    }
}

internal sealed class CurBilling : IBillingCsvFormat
{
    public string Name => CurCsvFormat.Name;
    public IReadOnlyList<string> RequiredColumns => CurCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && CurCsvFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => CurCsvFormat.Read(input.Csv!, organisationCurrency);
}
