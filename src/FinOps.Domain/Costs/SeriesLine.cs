using FinOps.Domain.Allocation;

namespace FinOps.Domain.Costs;

/// <summary>
/// The statement-line key a cost series is kept under (line type, tenant, feature, provider, model, pool, and the
/// closed period an adjustment corrects), so a chart can group by any of them without raw requests.
/// </summary>
public sealed record SeriesLine(LineType Type, string Tenant, string Feature, string Provider, string Model, string Pool, string? AdjustsPeriod = null)
{
    public string Key => StatementLine.KeyOf(Type, Tenant, Feature, Provider, Model, Pool, AdjustsPeriod);

    public static SeriesLine Of(StatementLine line) => new(line.Type, line.Tenant, line.Feature, line.Provider, line.Model, line.Pool, line.AdjustsPeriod);

    public static SeriesLine Direct(string tenant, string feature, string provider, string model) => new(LineType.Direct, tenant, feature, provider, model, "");
}
