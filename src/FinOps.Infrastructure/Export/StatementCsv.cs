using System.Text.Json;
using FinOps.Domain.Allocation;
using FinOps.Domain.Money;

namespace FinOps.Infrastructure.Export;

/// <summary>
/// The statement exports: our CSV (a contract: exactly these columns) and the FOCUS-shaped file with FOCUS 1.3's
/// allocation columns, so other FinOps tools read the chargeback.
/// </summary>
public static class StatementCsv
{
    public static readonly string[] Columns =
    [
        "period", "tenant", "feature", "line_type", "provider", "model", "pool", "rule_id", "rule_version", "driver", "driver_quantity", "share",
        "input_tokens", "cached_input_tokens", "output_tokens", "cost", "currency", "adjusts_period",
    ];

    /// <summary>A scoped view (the statements API) in the same columns.</summary>
    public static Task WriteAsync(CsvExport csv, FinOps.Application.Allocation.StatementsView view, CancellationToken cancellationToken) =>
        WriteAsync(csv, new StatementRun { Period = view.Period, ComputedAt = default, Trigger = view.Status, Currency = view.Currency, CostTotal = view.Total, ExactTotal = view.Total, Total = view.Total, Inputs = "{}" },
            view.Lines.Select(ToRecord), cancellationToken);

    public static Task WriteFocusAsync(CsvExport csv, FinOps.Application.Allocation.StatementsView view, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        CancellationToken cancellationToken) =>
        WriteFocusAsync(csv, new StatementRun { Period = view.Period, ComputedAt = default, Trigger = view.Status, Currency = view.Currency, CostTotal = view.Total, ExactTotal = view.Total, Total = view.Total, Inputs = "{}" },
            view.Lines.Select(ToRecord), periodStart, periodEnd, cancellationToken);

    private static StatementRecord ToRecord(FinOps.Application.Allocation.StatementLineView l) => new()
    {
        RunId = 0, LineKey = "", LineType = Enum.Parse<LineType>(l.LineType, ignoreCase: true), Tenant = l.Tenant, Feature = l.Feature, Provider = l.Provider,
        Model = l.Model, Pool = l.Pool, RuleId = l.RuleId, RuleVersion = l.RuleVersion, Driver = l.Driver, DriverQuantity = l.DriverQuantity, Share = l.Share,
        InputTokens = l.InputTokens, CachedInputTokens = l.CachedInputTokens, OutputTokens = l.OutputTokens, ExactAmount = l.Cost, Amount = l.Cost, AdjustsPeriod = l.AdjustsPeriod,
    };

    public static async Task WriteAsync(CsvExport csv, StatementRun run, IEnumerable<StatementRecord> lines, CancellationToken cancellationToken)
    {
        var digits = Currency.FromCode(run.Currency).MinorDigits;
        csv.Header(Columns);
        foreach (var l in lines)
        {
            csv.Text(run.Period).Text(l.Tenant).Text(l.Feature).Text(StatementLine.TypeName(l.LineType)).Text(l.Provider).Text(l.Model).Text(l.Pool).Text(l.RuleId);
            csv.Number(l.RuleVersion);
            csv.Text(l.Driver).Number(l.DriverQuantity).Number(l.Share)
                .Number(l.InputTokens).Number(l.CachedInputTokens).Number(l.OutputTokens)
                .Money(l.Amount, digits).Text(run.Currency).Text(l.AdjustsPeriod);
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    public static readonly string[] FocusColumns =
    [
        "BilledCost", "EffectiveCost", "BillingCurrency", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ChargeDescription", "ServiceName",
        "SkuId", "ProviderName", "ConsumedQuantity", "ConsumedUnit", "AllocatedMethodId", "AllocatedMethodDetails", "AllocatedResourceId", "AllocatedTags", "x_LineType",
    ];

    public static async Task WriteFocusAsync(CsvExport csv, StatementRun run, IEnumerable<StatementRecord> lines, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        CancellationToken cancellationToken)
    {
        var digits = Currency.FromCode(run.Currency).MinorDigits;
        csv.Header(FocusColumns);
        foreach (var l in lines)
        {
            csv.Money(l.Amount, digits).Money(l.Amount, digits).Text(run.Currency).Instant(periodStart).Instant(periodEnd)
                .Text(l.LineType == LineType.Adjustment ? "Adjustment" : "Usage")
                .Text($"{StatementLine.TypeName(l.LineType)} {l.Tenant}/{l.Feature} {(l.Pool.Length > 0 ? l.Pool : $"{l.Provider}/{l.Model}")}")
                .Text(l.Pool.Length > 0 ? l.Pool : l.Provider).Text(l.Model.Length > 0 ? l.Model : null).Text(l.Provider.Length > 0 ? l.Provider : "FinOps")
                .Number(l.InputTokens + l.OutputTokens).Text("Tokens")
                .Text(l.RuleId is null ? null : $"{l.RuleId}:v{l.RuleVersion}")
                .Text(l.Driver is null ? null : JsonSerializer.Serialize(new { AllocatedRatio = l.Share, UsageUnit = l.Driver, UsageQuantity = l.DriverQuantity }))
                .Text(l.Pool.Length > 0 ? l.Pool : null)
                .Text(JsonSerializer.Serialize(new { tenant = l.Tenant, feature = l.Feature }))
                .Text(StatementLine.TypeName(l.LineType));
            await csv.EndRowAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }
}
