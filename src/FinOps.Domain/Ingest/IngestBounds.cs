using System.Globalization;
using System.Text.Json;

namespace FinOps.Domain.Ingest;

/// <summary>
/// The plausible range of every value a file can bring in, checked before anything is stored: a row outside it is a
/// row problem (quarantined with its line, column and reason), never a stored value that breaks pages and closes
/// later, never a database error. Text limits are the columns' own.
/// </summary>
public sealed record IngestBounds(DateTimeOffset Earliest, DateTimeOffset Latest, long MaxTokensPerDirection = IngestBounds.DefaultMaxTokens,
    decimal MaxAbsoluteAmount = IngestBounds.DefaultMaxAmount)
{
    public const long DefaultMaxTokens = 1_000_000_000;
    public const decimal DefaultMaxAmount = 1_000_000_000_000m;
    public const int DefaultYearsAhead = 10;

    /// <summary>Token quantities on a bill line sum a whole billing period of requests: bounded far above one request's.</summary>
    public const decimal MaxBilledQuantity = 1_000_000_000_000_000m;

    public const int MaxTagsLength = 64 * 1024;

    private static readonly HashSet<string> AmountColumns = ["billed_cost", "effective_cost", "list_cost", "amount", "quantity", "unit_price"];

    public static readonly DateTimeOffset DefaultEarliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The default range: from 2000-01-01 to ten years after <paramref name="now"/>.</summary>
    public static IngestBounds Default(DateTimeOffset now) => new(DefaultEarliest, now.AddYears(DefaultYearsAhead));

    /// <summary>Good rows that break a bound become bad rows; everything else passes unchanged, lazily (constant memory).</summary>
    public IEnumerable<ParsedRow<T>> Apply<T>(IEnumerable<ParsedRow<T>> rows) where T : class
    {
        foreach (var row in rows)
        {
            if (row.Record is null)
            {
                yield return row;
                continue;
            }
            var problem = row.Record switch
            {
                UsageRecord usage => Check(usage),
                BillingRecord bill => Check(bill),
                InfraCostRecord cost => Check(cost),
                _ => null,
            };
            // An implausible amount is not a cost: it must not weigh in the share of the file's cost that is bad.
            yield return problem is { } p
                ? ParsedRow<T>.Bad(row.Line, p.Column, p.Reason, row.RawText.Length > 0 ? row.RawText : Describe(row.Record),
                    AmountColumns.Contains(p.Column) ? 0m : row.AbsoluteCost)
                : row;
        }
    }

    public (string Column, string Reason)? Check(UsageRecord r) =>
        Instant("occurred_at", r.OccurredAt)
        ?? Tokens("input_tokens", r.InputTokens) ?? Tokens("cached_input_tokens", r.CachedInputTokens) ?? Tokens("output_tokens", r.OutputTokens)
        ?? Text("source", r.Source, 64) ?? Text("request_id", r.RequestId, 200) ?? Text("tenant", r.Tenant, 64) ?? Text("feature", r.Feature, 64)
        ?? Text("provider", r.Provider, 64) ?? Text("model", r.Model, 200) ?? Text("status", r.Status, 32) ?? Text("service_tier", r.ServiceTier, 32)
        ?? Text("deployment", r.Deployment, 200) ?? Amount("gpu_seconds", r.GpuSeconds) ?? Text("tags", r.Tags, MaxTagsLength);

    public (string Column, string Reason)? Check(BillingRecord r) =>
        Instant("billing_period_start", r.BillingPeriodStart) ?? Instant("billing_period_end", r.BillingPeriodEnd)
        ?? Instant("charge_period_start", r.ChargePeriodStart) ?? Instant("charge_period_end", r.ChargePeriodEnd)
        ?? Amount("billed_cost", r.BilledCost) ?? Amount("effective_cost", r.EffectiveCost) ?? Amount("list_cost", r.ListCost)
        ?? (r.Quantity is { } q && Math.Abs(q) > MaxBilledQuantity ? ((string, string)?)("quantity", $"{Number(q)} is beyond the plausible quantity of ±{Number(MaxBilledQuantity)}") : null)
        ?? Text("provider", r.Provider, 64) ?? Text("billing_account", r.BillingAccount, 200) ?? Text("service", r.Service, 1000) ?? Text("sku", r.Sku, 1000)
        ?? Text("model", r.ModelText, 1000) ?? Text("unit", r.Unit, 200) ?? Text("commitment_status", r.CommitmentStatus, 64) ?? Text("tags", r.Tags, MaxTagsLength);

    public (string Column, string Reason)? Check(InfraCostRecord r) =>
        Instant("period_start", r.PeriodStart) ?? Instant("period_end", r.PeriodEnd)
        ?? Amount("amount", r.Amount) ?? Amount("quantity", r.Quantity) ?? Amount("unit_price", r.UnitPrice)
        ?? Text("pool", r.Pool, 200) ?? Text("unit", r.Unit, 200) ?? Text("description", r.Description, 2000);

    private (string, string)? Instant(string column, DateTimeOffset value) =>
        value < Earliest || value > Latest
            ? (column, $"{value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} is outside the plausible range " +
                       $"{Earliest.UtcDateTime:yyyy-MM-dd} to {Latest.UtcDateTime:yyyy-MM-dd}")
            : null;

    private (string, string)? Tokens(string column, long value) =>
        value > MaxTokensPerDirection ? (column, $"{Number(value)} tokens in one request is beyond the limit of {Number(MaxTokensPerDirection)}") : null;

    private (string, string)? Amount(string column, decimal? value) =>
        value is { } v && Math.Abs(v) > MaxAbsoluteAmount ? (column, $"{Number(v)} is beyond the plausible amount of ±{Number(MaxAbsoluteAmount)}") : null;

    private static (string, string)? Text(string column, string? value, int maxLength)
    {
        if (value is null) return null;
        // A NUL byte, raw or escaped in JSON tags (\u0000): PostgreSQL text and jsonb cannot hold one.
        if (value.Contains('\0') || value.Contains("\\u0000", StringComparison.OrdinalIgnoreCase)) return (column, "contains a NUL character");
        return value.Length > maxLength ? (column, $"{value.Length:N0} characters is longer than the {maxLength:N0} this column holds") : null;
    }

    private static string Number(decimal value) => value.ToString("#,0.##########", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // Good rows keep no raw text (a copy per row would cost); a quarantined one shows what was read instead.
    private static string Describe(object record)
    {
        var text = JsonSerializer.Serialize(record, record.GetType());
        return text.Length <= 4000 ? text : text[..4000] + "…";
    }
}
