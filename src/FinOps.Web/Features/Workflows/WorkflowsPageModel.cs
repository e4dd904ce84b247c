using System.Globalization;
using FinOps.Application.Tenants;
using FinOps.Application.Workflows;
using MudBlazor;

namespace FinOps.Web.Features.Workflows;

/// <summary>The workflows of a period as people read them: money with its currency, counts in words, and the calls-per-execution chart.</summary>
public sealed class WorkflowsPageModel(WorkflowsAnswer answer, DisplayNames names)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public WorkflowsAnswer Answer => answer;

    public string Money(decimal? amount) => Shared.MoneyText.Format(amount, answer.Currency);

    /// <summary>Per-execution amounts are often fractions of a cent: four decimals keep them apart.</summary>
    public string Small(decimal amount) => $"{amount.ToString("N4", Invariant)} {answer.Currency}";

    public string Scope(string tenant, string feature) => $"{names.Tenant(tenant)} · {names.Feature(feature)}";

    public static string Count(decimal value) => value.ToString("0.#", Invariant);

    public string Summary =>
        $"{answer.Executions.ToString("N0", Invariant)} executions cost {Money(answer.CostTotal)} at list price"
        + (answer.AllocatedTotal is { } allocated ? $", {Money(allocated)} as allocated by the statements of {answer.AllocatedAt!.Value.UtcDateTime:MMM d, HH:mm} UTC." : "; allocated costs appear once the period's statements are computed.");

    // Built once per answer, not on every render (the chart compares its inputs by reference).
    public string[] BucketLabels { get; } = answer.CallsPerExecution.Select(b => b.Label).ToArray();

    public List<ChartSeries<double>> BucketSeries { get; } =
        [new ChartSeries<double> { Name = "Executions", Data = answer.CallsPerExecution.Select(b => (double)b.Executions).ToArray() }];

    public BarChartOptions BucketOptions { get; } = new()
    {
        YAxisToStringFunc = v => v.ToString("N0", Invariant), YAxisTitle = "Executions", XAxisTitle = "Calls per execution", ShowLegend = false,
    };

    public static string Duration(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : span.TotalMinutes >= 1 ? $"{span.Minutes} min {span.Seconds} s" : $"{span.Seconds} s";
}
