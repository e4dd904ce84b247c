using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Focus;

/// <summary>
/// FOCUS 1.0–1.2 billing CSV from any provider, as real files are: extra columns (kept as tags), timestamps
/// without offset read as UTC, literal NULLs, negative quantities. AI rows get a model text (matched to the alias
/// table at merge), a token direction and a quantity in tokens; other rows are kept with no model.
/// </summary>
public static class FocusCsvFormat
{
    public const string Name = "focus";

    public static readonly string[] Required =
    [
        "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory",
        "ChargePeriodStart", "ChargePeriodEnd",
    ];

    private static readonly string[] ProviderColumns = ["ProviderName", "ServiceProviderName"];

    private static readonly IReadOnlySet<string> Mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory",
        "ChargePeriodStart", "ChargePeriodEnd", "ProviderName", "ServiceProviderName", "EffectiveCost", "ListCost",
        "ServiceName", "SkuId", "SkuMeter", "ChargeDescription", "ResourceName", "ConsumedQuantity", "ConsumedUnit",
        "PricingQuantity", "PricingUnit", "CommitmentDiscountStatus", "Tags", "ServiceCategory", "ServiceSubcategory",
    };

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase))
        && ProviderColumns.Any(p => headers.Contains(p, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<BillingRecord>> Read(CsvTable csv, Currency organisationCurrency)
    {
        while (csv.Read())
            yield return csv.MalformedRow<BillingRecord>() ?? ParseRow(csv, organisationCurrency);
    }

    private static ParsedRow<BillingRecord> ParseRow(CsvTable csv, Currency organisationCurrency)
    {
        var line = csv.Line;
        var billedText = csv.Get("BilledCost");
        var cost = Fields.TryDecimal(billedText, out var billed, out _) ? Math.Abs(billed) : 0m;
        ParsedRow<BillingRecord> Bad(string column, string reason) => ParsedRow<BillingRecord>.Bad(line, column, reason, csv.RawText, cost);

        if (!Fields.TryDecimal(billedText, out billed, out var why)) return Bad("BilledCost", why);
        var providerName = ProviderColumns.Select(csv.Get).FirstOrDefault(v => v is not null);
        if (providerName is null) return Bad("ProviderName", "a provider name is required");
        var account = csv.Get("BillingAccountId");
        if (account is null) return Bad("BillingAccountId", "a billing account is required");
        if (!Timestamps.TryParseUtc(csv.Get("BillingPeriodStart") ?? "", out var billingStart, out why)) return Bad("BillingPeriodStart", why);
        if (!Timestamps.TryParseUtc(csv.Get("BillingPeriodEnd") ?? "", out var billingEnd, out why)) return Bad("BillingPeriodEnd", why);
        if (!Timestamps.TryParseUtc(csv.Get("ChargePeriodStart") ?? "", out var chargeStart, out why)) return Bad("ChargePeriodStart", why);
        if (!Timestamps.TryParseUtc(csv.Get("ChargePeriodEnd") ?? "", out var chargeEnd, out why)) return Bad("ChargePeriodEnd", why);
        if (chargeEnd < chargeStart) return Bad("ChargePeriodEnd", "the charge period ends before it starts");
        if (billingEnd <= billingStart) return Bad("BillingPeriodEnd", "the billing period ends before or when it starts");
        var categoryText = csv.Get("ChargeCategory");
        if (!Enum.TryParse<ChargeCategory>(categoryText, ignoreCase: true, out var category) || int.TryParse(categoryText, out _))
            return Bad("ChargeCategory", string.IsNullOrWhiteSpace(categoryText)
                ? "a charge category is required (Usage, Purchase, Tax, Credit, Adjustment)"
                : $"'{categoryText}' is not a FOCUS charge category (Usage, Purchase, Tax, Credit, Adjustment)");
        var currencyText = csv.Get("BillingCurrency");
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("BillingCurrency", Fields.NotACurrency(currencyText));
        if (currency != organisationCurrency)
            return Bad("BillingCurrency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)");

        var effective = billed;
        if (csv.Get("EffectiveCost") is { } effectiveText && !Fields.TryDecimal(effectiveText, out effective, out why)) return Bad("EffectiveCost", why);
        decimal? list = null;
        if (csv.Get("ListCost") is { } listText)
        {
            if (!Fields.TryDecimal(listText, out var listValue, out why)) return Bad("ListCost", why);
            list = listValue;
        }

        // Tokens: the consumed unit when it counts tokens, else the pricing unit ("1M Tokens" × quantity).
        var (quantity, unit, quantityProblem) = Quantity(csv);
        if (quantityProblem is not null) return Bad(quantityProblem.Value.Column, quantityProblem.Value.Reason);
        var isTokenRow = TokenMeters.IsTokenUnit(csv.Get("ConsumedUnit")) || TokenMeters.IsTokenUnit(csv.Get("PricingUnit"));
        var isAi = isTokenRow || (csv.Get("ServiceCategory")?.Contains("AI", StringComparison.OrdinalIgnoreCase) ?? false)
                   || csv.Get("ServiceSubcategory") is "Generative AI";
        var meter = csv.Get("SkuMeter");
        var description = csv.Get("ChargeDescription");
        var modelText = isAi
            ? string.Join(" | ", new[] { meter, csv.Get("SkuId"), description, csv.Get("ResourceName") }.Where(t => t is not null)).ToLowerInvariant()
            : null;
        var direction = isTokenRow ? TokenMeters.DirectionOf(meter, description) : TokenDirection.None;
        // Reserved LLM capacity (a PTU, provisioned throughput) is the LLM provider's, like its token lines.
        var commitment = isAi ? csv.Get("CommitmentDiscountId") : null;
        var provider = isTokenRow || commitment is not null ? ProviderSlugs.ForLlm(providerName) : ProviderSlugs.ForCloud(providerName);

        return ParsedRow<BillingRecord>.Good(line, new BillingRecord(
            NaturalKey(csv, provider, account, chargeStart, chargeEnd, category),
            provider, account, billingStart, billingEnd, chargeStart, chargeEnd, category, csv.Get("ServiceName"), csv.Get("SkuId"),
            string.IsNullOrEmpty(modelText) ? null : modelText, direction, quantity, unit, billed, effective, list, currency.Code,
            csv.Get("CommitmentDiscountStatus") ?? (commitment is null ? null : "Used"), Tags(csv, commitment)), "", Math.Abs(billed));
    }

    private static (decimal? Quantity, string? Unit, (string Column, string Reason)? Problem) Quantity(CsvTable csv)
    {
        foreach (var (quantityColumn, unitColumn) in new[] { ("ConsumedQuantity", "ConsumedUnit"), ("PricingQuantity", "PricingUnit") })
        {
            var unit = csv.Get(unitColumn);
            if (TokenMeters.TokensPerUnit(unit) is not { } perUnit) continue;
            if (!Fields.TryDecimal(csv.Get(quantityColumn), out var amount, out var why)) return (null, null, (quantityColumn, why));
            return (amount * perUnit, "tokens", null);
        }
        if (csv.Get("PricingQuantity") is { } pricing)
            return Fields.TryDecimal(pricing, out var value, out var why) ? (value, csv.Get("PricingUnit"), null) : (null, null, ("PricingQuantity", why));
        return (null, csv.Get("PricingUnit"), null);
    }

    /// <summary>The row's identity across re-exports: the vendor's row id when the file has one, else its identifying columns.</summary>
    private static string NaturalKey(CsvTable csv, string provider, string account, DateTimeOffset start, DateTimeOffset end, ChargeCategory category) =>
        csv.Get("Id") is { } id
            ? BillingRows.NaturalKey(provider, account, $"id:{id}")
            : BillingRows.NaturalKey(provider, account, start.ToString("O"), end.ToString("O"), category.ToString(), csv.Get("SkuPriceId"),
                csv.Get("SkuId"), csv.Get("ResourceId"), csv.Get("SubAccountId"), csv.Get("ChargeDescription"), csv.Get("CommitmentDiscountId"));

    /// <summary>
    /// The file's Tags object (each as <c>tag:&lt;name&gt;</c>, how vendor keys name them) merged with every column FinOps
    /// does not map (x_ columns, sub-accounts, regions…), and the AI commitment the row pays for.
    /// </summary>
    private static string? Tags(CsvTable csv, string? commitment)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (commitment is not null) tags[Domain.Billing.Commitments.Tag] = commitment;
        if (csv.Get("Tags") is { } json)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var property in document.RootElement.EnumerateObject())
                        tags["tag:" + property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                else tags["Tags"] = json;
            }
            catch (JsonException)
            {
                tags["Tags"] = json;
            }
        }
        return BillingRows.Tags(csv, Mapped, tags);
    }
}

/// <summary>FOCUS as one of the billing CSV formats of the pipeline.</summary>
internal sealed class FocusBilling : Billing.IBillingCsvFormat
{
    public string Name => FocusCsvFormat.Name;
    public IReadOnlyList<string> RequiredColumns => FocusCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && FocusCsvFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => FocusCsvFormat.Read(input.Csv!, organisationCurrency);
}
