using System.Globalization;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Billing;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Azure;

/// <summary>
/// Azure Cost Management export CSV (actual and amortised share one schema). Azure OpenAI meters carry the
/// model and direction in <c>MeterName</c> (<c>gpt-4o-0806-Inp-glbl Tokens</c>) and count in blocks of
/// <c>UnitOfMeasure</c> (<c>1K</c>, <c>1M</c>). Days are written <c>MM/dd/yyyy</c> or ISO; the billing period's
/// end date is its last day (made exclusive here). Resource, deployment and tags are kept as tags.
/// </summary>
public static class AzureCostCsvFormat
{
    public const string Name = "azure-cost";

    public static readonly string[] Required =
    [
        "BillingAccountId", "BillingPeriodStartDate", "BillingPeriodEndDate", "Date", "MeterName", "Quantity", "UnitOfMeasure",
    ];

    private static readonly string[] CostColumns = ["Cost", "CostInBillingCurrency", "PreTaxCost"];
    private static readonly string[] CurrencyColumns = ["BillingCurrency", "BillingCurrencyCode", "Currency"];

    private static readonly IReadOnlySet<string> Mapped = new HashSet<string>(Required.Concat(CostColumns).Concat(CurrencyColumns).Concat(
        ["ChargeType", "ConsumedService", "MeterCategory", "MeterId", "ProductName", "Product", "UnitPrice", "EffectivePrice"]),
        StringComparer.OrdinalIgnoreCase);

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase))
        && CostColumns.Any(c => headers.Contains(c, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<BillingRecord>> Read(CsvTable csv, Currency organisationCurrency)
    {
        var costColumn = CostColumns.FirstOrDefault(csv.Has) ?? "Cost";
        var currencyColumn = CurrencyColumns.FirstOrDefault(csv.Has);
        while (csv.Read()) yield return csv.MalformedRow<BillingRecord>() ?? ParseRow(csv, costColumn, currencyColumn, organisationCurrency);
    }

    private static bool TryDay(string? text, out DateTimeOffset day)
    {
        day = default;
        if (text is null) return false;
        if (DateTime.TryParseExact(text, ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            day = new DateTimeOffset(parsed.Date, TimeSpan.Zero);
            return true;
        }
        return false;
    }

    private static ParsedRow<BillingRecord> ParseRow(CsvTable csv, string costColumn, string? currencyColumn, Currency organisationCurrency)
    {
        var line = csv.Line;
        var costText = csv.Get(costColumn);
        var absolute = Fields.TryDecimal(costText, out var cost, out _) ? Math.Abs(cost) : 0m;
        ParsedRow<BillingRecord> Bad(string column, string reason) => ParsedRow<BillingRecord>.Bad(line, column, reason, csv.RawText, absolute);

        if (!Fields.TryDecimal(costText, out cost, out var why)) return Bad(costColumn, why);
        var account = csv.Get("BillingAccountId");
        if (account is null) return Bad("BillingAccountId", "a billing account is required");
        if (!TryDay(csv.Get("Date"), out var day)) return Bad("Date", $"'{csv.Get("Date")}' is not a date (MM/dd/yyyy or yyyy-MM-dd)");
        if (!TryDay(csv.Get("BillingPeriodStartDate"), out var periodStart)) return Bad("BillingPeriodStartDate", $"'{csv.Get("BillingPeriodStartDate")}' is not a date");
        if (!TryDay(csv.Get("BillingPeriodEndDate"), out var periodLastDay)) return Bad("BillingPeriodEndDate", $"'{csv.Get("BillingPeriodEndDate")}' is not a date");
        if (periodLastDay < periodStart) return Bad("BillingPeriodEndDate", "the billing period ends before it starts");
        var currencyText = currencyColumn is null ? organisationCurrency.Code : csv.Get(currencyColumn);
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad(currencyColumn ?? "BillingCurrency", Fields.NotACurrency(currencyText));
        if (currency != organisationCurrency)
            return Bad(currencyColumn ?? "BillingCurrency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)");
        if (!Fields.TryDecimal(csv.Get("Quantity"), out var quantity, out why)) return Bad("Quantity", why);

        var meter = csv.Get("MeterName");
        var unit = csv.Get("UnitOfMeasure");
        var isTokenRow = (meter?.Contains("token", StringComparison.OrdinalIgnoreCase) ?? false)
                         || (csv.Get("ConsumedService")?.Contains("cognitiveservices", StringComparison.OrdinalIgnoreCase) ?? false) && BlockSize(unit) is not null;
        if (isTokenRow && BlockSize(unit) is null && !TokenMeters.IsTokenUnit(unit))
            return Bad("UnitOfMeasure", $"'{unit}' is not a token unit FinOps knows (1K, 1M, 1K Tokens, 1M Tokens)");
        var tokens = isTokenRow ? quantity * (BlockSize(unit) ?? TokenMeters.TokensPerUnit(unit)!.Value) : quantity;
        var category = csv.Get("ChargeType") switch
        {
            null or "Usage" => ChargeCategory.Usage,
            "Purchase" => ChargeCategory.Purchase,
            "Refund" => ChargeCategory.Credit,
            "Tax" => ChargeCategory.Tax,
            _ => ChargeCategory.Adjustment,
        };
        var product = csv.Get("ProductName") ?? csv.Get("Product");
        // Azure OpenAI provisioned throughput (PTUs): reserved capacity of a deployment, paid whether used or not.
        var ptu = !isTokenRow && (meter?.Contains("Provisioned", StringComparison.OrdinalIgnoreCase) ?? false)
                  && ((csv.Get("MeterCategory") ?? product ?? "").Contains("OpenAI", StringComparison.OrdinalIgnoreCase)
                      || (csv.Get("MeterCategory") ?? "").Contains("Cognitive", StringComparison.OrdinalIgnoreCase));
        var provider = isTokenRow || ptu ? ProviderSlugs.ForLlm("azure") : ProviderSlugs.ForCloud("azure");
        var commitment = ptu ? csv.Get("ResourceName") ?? csv.Get("ResourceId") ?? meter : null;
        var modelText = isTokenRow ? string.Join(" | ", new[] { meter, product, csv.Get("ResourceName") }.Where(t => t is not null)).ToLowerInvariant() : null;

        return ParsedRow<BillingRecord>.Good(line, new BillingRecord(
            BillingRows.NaturalKey("azure", account, csv.Get("Date"), csv.Get("MeterId") ?? meter, csv.Get("ResourceId"), csv.Get("ChargeType"),
                csv.Get("ReservationId"), csv.Get("Tags")),
            provider, account, periodStart, periodLastDay.AddDays(1), day, day.AddDays(1), category, csv.Get("MeterCategory"), csv.Get("MeterId"),
            modelText, isTokenRow ? TokenMeters.DirectionOf(meter) : TokenDirection.None, tokens, isTokenRow ? "tokens" : unit,
            cost, cost, null, currency.Code, ptu ? "Used" : null,
            BillingRows.Tags(csv, Mapped, commitment is null ? null : [new(Domain.Billing.Commitments.Tag, commitment)])), "", Math.Abs(cost));
    }

    /// <summary>Azure counts token meters in blocks: <c>1K</c> = 1,000 tokens, <c>1M</c> = 1,000,000.</summary>
    private static decimal? BlockSize(string? unit) => unit?.Trim().ToUpperInvariant() switch
    {
        "1K" => 1_000m,
        "1M" => 1_000_000m,
        _ => null,
    };
}

internal sealed class AzureBilling : IBillingCsvFormat
{
    public string Name => AzureCostCsvFormat.Name;
    public IReadOnlyList<string> RequiredColumns => AzureCostCsvFormat.Required;
    public bool Matches(IngestInput input) => input.Csv is { } csv && AzureCostCsvFormat.Matches(csv.Headers);
    public IEnumerable<ParsedRow<BillingRecord>> Read(IngestInput input, Currency organisationCurrency) => AzureCostCsvFormat.Read(input.Csv!, organisationCurrency);
}
