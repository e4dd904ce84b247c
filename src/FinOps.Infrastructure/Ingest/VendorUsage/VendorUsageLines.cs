using System.Globalization;
using System.Text.Json;
using FinOps.Domain.Billing;
using FinOps.Domain.Ingest;
using FinOps.Infrastructure.Ingest.Billing;

namespace FinOps.Infrastructure.Ingest.VendorUsage;

/// <summary>One token count of a vendor usage report bucket, before it becomes a billing line without cost.</summary>
internal sealed record ReportedTokens(string TokenType, TokenDirection Direction, long Tokens);

/// <summary>
/// Vendor usage reports (OpenAI usage API, Anthropic usage report) hold what the vendor counted, not what it
/// charged: each token type of a bucket becomes a billing line with the tokens as quantity and zero cost, so token
/// reconciliation reads the vendor's own counts while cost sums stay with the cost exports. Files of this kind
/// supersede only each other.
/// </summary>
internal static class VendorUsageLines
{
    public static IEnumerable<ParsedRow<BillingRecord>> For(Func<long> nextNumber, string provider, string service, DateTimeOffset start, DateTimeOffset end,
        string? model, string currency, IEnumerable<ReportedTokens> counts, IReadOnlyDictionary<string, string> tags, params string?[] identity)
    {
        var month = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var count in counts.Where(c => c.Tokens != 0))
        {
            var lineTags = new Dictionary<string, string>(tags) { ["token_type"] = count.TokenType };
            yield return ParsedRow<BillingRecord>.Good(nextNumber(), new BillingRecord(
                BillingRows.NaturalKey([provider, start.ToString("O", CultureInfo.InvariantCulture), model, count.TokenType, .. identity]),
                provider, provider, month, month.AddMonths(1), start, end, ChargeCategory.Usage, service, model, model?.ToLowerInvariant(),
                count.Direction, count.Tokens, "tokens", 0m, 0m, null, currency, null, JsonSerializer.Serialize(lineTags)), "");
        }
    }

    /// <summary>A token count field: absent or null is zero; anything else must be a whole number ≥ 0.</summary>
    public static bool TryTokens(JsonElement element, string name, out long tokens, out string reason)
    {
        tokens = 0;
        reason = "";
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out tokens))
        {
            reason = $"{name} is not a whole number of tokens";
            return false;
        }
        if (tokens >= 0) return true;
        reason = $"{name} is negative ({tokens})";
        return false;
    }

}
