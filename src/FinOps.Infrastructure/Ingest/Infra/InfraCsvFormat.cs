using FinOps.Domain.Infra;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Ingest.Infra;

/// <summary>The canonical infra-cost CSV (SEMANTICS §9): GPU hours, power, cooling, ops staff, hardware, network.</summary>
public static class InfraCsvFormat
{
    public const string Name = "infra-csv";

    public static readonly string[] Required = ["pool", "category", "period_start", "period_end", "currency"];

    public static readonly string[] Optional = ["quantity", "unit", "unit_price", "amount", "description"];

    private static readonly Dictionary<string, InfraCostCategory> Categories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpu_hours"] = InfraCostCategory.GpuHours,
        ["power"] = InfraCostCategory.Power,
        ["cooling"] = InfraCostCategory.Cooling,
        ["ops_staff"] = InfraCostCategory.OpsStaff,
        ["hardware_amortization"] = InfraCostCategory.HardwareAmortization,
        ["network"] = InfraCostCategory.Network,
        ["other"] = InfraCostCategory.Other,
    };

    public static bool Matches(IReadOnlyList<string> headers) =>
        Required.All(r => headers.Contains(r, StringComparer.OrdinalIgnoreCase));

    public static IEnumerable<ParsedRow<InfraCostRecord>> Read(CsvTable csv, Currency organisationCurrency)
    {
        while (csv.Read())
            yield return csv.MalformedRow<InfraCostRecord>() ?? ParseRow(csv, organisationCurrency);
    }

    private static ParsedRow<InfraCostRecord> ParseRow(CsvTable csv, Currency organisationCurrency)
    {
        var line = csv.Line;
        decimal cost = 0m;
        ParsedRow<InfraCostRecord> Bad(string column, string reason) => ParsedRow<InfraCostRecord>.Bad(line, column, reason, csv.RawText, Math.Abs(cost));

        // The amount first, so that a bad row's cost counts towards the cost threshold even when another field is wrong.
        decimal? quantity = null, unitPrice = null;
        if (csv.Get("quantity") is { } q && Fields.TryDecimal(q, out var qv, out _)) quantity = qv;
        if (csv.Get("unit_price") is { } p && Fields.TryDecimal(p, out var pv, out _)) unitPrice = pv;
        var amountText = csv.Get("amount");
        if (amountText is not null && Fields.TryDecimal(amountText, out var av, out _)) cost = av;
        else if (amountText is null && quantity is not null && unitPrice is not null) cost = quantity.Value * unitPrice.Value;

        var pool = csv.Get("pool");
        if (pool is null) return Bad("pool", "a pool is required");
        var categoryText = csv.Get("category");
        if (categoryText is null || !Categories.TryGetValue(categoryText, out var category))
            return Bad("category", string.IsNullOrWhiteSpace(categoryText)
                ? $"a category is required: one of {string.Join(", ", Categories.Keys)}"
                : $"'{categoryText}' is not a category; use one of {string.Join(", ", Categories.Keys)}");
        if (!Timestamps.TryParseUtc(csv.Get("period_start") ?? "", out var start, out var why)) return Bad("period_start", why);
        if (!Timestamps.TryParseUtc(csv.Get("period_end") ?? "", out var end, out why)) return Bad("period_end", why);
        if (end <= start) return Bad("period_end", $"the period ends ({end:yyyy-MM-dd HH:mm}) before or when it starts ({start:yyyy-MM-dd HH:mm})");
        var currencyText = csv.Get("currency");
        if (!Currency.TryFromCode(currencyText, out var currency)) return Bad("currency", Fields.NotACurrency(currencyText));
        if (currency != organisationCurrency)
            return Bad("currency", $"{currency.Code} is not the organisation currency {organisationCurrency.Code} (FX conversion is planned)");
        if (csv.Get("quantity") is { } quantityText && quantity is null) return Bad("quantity", $"'{quantityText}' is not a number");
        if (csv.Get("unit_price") is { } priceText && unitPrice is null) return Bad("unit_price", $"'{priceText}' is not a number");
        if (amountText is not null && !Fields.TryDecimal(amountText, out _, out why)) return Bad("amount", why);
        if (amountText is null && (quantity is null || unitPrice is null))
            return Bad("amount", "an amount is required, or quantity and unit_price to compute it");

        return ParsedRow<InfraCostRecord>.Good(line, new InfraCostRecord(
            pool, category, start, end, quantity, csv.Get("unit"), unitPrice, cost, currency.Code, csv.Get("description")), "", Math.Abs(cost));
    }
}
