using System.Globalization;
using FinOps.Application.Catalog;
using FinOps.Domain.Ingest;
using FinOps.Domain.Money;
using FinOps.Infrastructure.Export;
using FinOps.Infrastructure.Ingest.Csv;

namespace FinOps.Infrastructure.Catalog;

/// <summary>
/// The price card CSV: required columns <c>provider,model,effective_from,input_per_mtok,output_per_mtok,cached_input_per_mtok,currency</c>
/// in any order (case-insensitive), optional <c>batch_discount_pct,note</c>. Export writes the same columns, so a file round-trips.
/// </summary>
public static class PriceCardCsv
{
    public static readonly string[] Required = ["provider", "model", "effective_from", "input_per_mtok", "output_per_mtok", "cached_input_per_mtok", "currency"];
    public static readonly string[] Optional = ["batch_discount_pct", "note"];

    /// <summary>Every row, good or with its problem; a missing column is one problem on line 1.</summary>
    public static IReadOnlyList<ParsedRow<PriceCardRow>> Read(Stream stream)
    {
        using var csv = CsvTable.Open(stream);
        var missing = Required.Where(c => !csv.Has(c)).ToList();
        if (missing.Count > 0)
            return [ParsedRow<PriceCardRow>.Bad(1, missing[0], $"missing required column(s): {string.Join(", ", missing)}", string.Join(",", csv.Headers))];
        var rows = new List<ParsedRow<PriceCardRow>>();
        while (csv.Read()) rows.Add(Parse(csv));
        if (rows.Count == 0) rows.Add(ParsedRow<PriceCardRow>.Bad(1, null, "the file has no price cards", string.Join(",", csv.Headers)));
        return rows;
    }

    private static ParsedRow<PriceCardRow> Parse(CsvTable csv)
    {
        var line = csv.Line;
        ParsedRow<PriceCardRow> Bad(string column, string reason) => ParsedRow<PriceCardRow>.Bad(line, column, reason, csv.RawText);

        var providerText = csv.Get("provider")?.Trim();
        if (string.IsNullOrEmpty(providerText)) return Bad("provider", "a provider is required");
        // The slug usage and bills get for the same vendor (OpenAI → openai, Bedrock → aws-bedrock).
        var provider = ProviderSlugs.ForLlm(providerText);
        var model = csv.Get("model")?.Trim();
        if (string.IsNullOrEmpty(model)) return Bad("model", "a model is required");
        if (!DateTimeOffset.TryParse(csv.Get("effective_from"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var from))
            return Bad("effective_from", $"'{csv.Get("effective_from")}' is not a date (write 2026-10-01 or 2026-10-01T00:00:00Z)");
        var prices = new decimal[3];
        string[] priceColumns = ["input_per_mtok", "output_per_mtok", "cached_input_per_mtok"];
        for (var i = 0; i < 3; i++)
        {
            if (!Fields.TryDecimal(csv.Get(priceColumns[i]), out prices[i], out var why)) return Bad(priceColumns[i], why);
            if (prices[i] < 0) return Bad(priceColumns[i], $"a price cannot be negative ({prices[i]})");
        }
        var currency = csv.Get("currency")?.Trim().ToUpperInvariant();
        if (!Currency.TryFromCode(currency, out _)) return Bad("currency", $"'{currency}' is not an ISO 4217 currency code");
        decimal? batch = null;
        if (csv.Has("batch_discount_pct") && csv.Get("batch_discount_pct") is { Length: > 0 } batchText)
        {
            if (!Fields.TryDecimal(batchText, out var pct, out var why)) return Bad("batch_discount_pct", why);
            if (pct is < 0 or > 100) return Bad("batch_discount_pct", $"a discount is 0 to 100 percent, not {pct}");
            batch = pct;
        }
        var note = csv.Has("note") ? csv.Get("note") : null;
        return ParsedRow<PriceCardRow>.Good(line, new PriceCardRow(provider, model, from, prices[0], prices[1], prices[2], currency!, batch,
            string.IsNullOrWhiteSpace(note) ? null : note), "");
    }

    public static async Task WriteAsync(CsvExport csv, IEnumerable<PriceCardRow> cards, CancellationToken cancellationToken)
    {
        csv.Header([.. Required, .. Optional]);
        foreach (var c in cards)
        {
            csv.Text(c.Provider).Text(c.Model).Instant(c.EffectiveFrom)
                .Number(c.InputPerMTok).Number(c.OutputPerMTok).Number(c.CachedInputPerMTok).Text(c.Currency).Number(c.BatchDiscountPct).Text(c.Note);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
