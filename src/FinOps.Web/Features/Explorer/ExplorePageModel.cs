using System.Globalization;
using FinOps.Application.Explorer;
using FinOps.Domain.Money;
using MudBlazor;

namespace FinOps.Web.Features.Explorer;

/// <summary>
/// What the explorer page draws from an answer: the rows a search keeps and their total (so what is shown adds up),
/// and a stacked chart of the largest groups with the rest as "Other". Computed here, not in markup.
/// </summary>
public sealed class ExplorePageModel
{
    public const int ChartGroups = 8;

    public ExplorePageModel(ExploreAnswer answer, ExploreUrl url)
    {
        Answer = answer;
        Currency = Domain.Money.Currency.FromCode(answer.Currency);
        Rows = answer.Rows.Where(url.Matches).ToList();
        ShownTotal = Rows.Sum(r => r.Cost);
        ShownEstimated = Rows.Sum(r => r.Estimated);
        IsFiltered = Rows.Count != answer.Rows.Count;
        Labels = answer.Buckets.Select(b => b.Length == 10
            ? DateOnly.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM d", CultureInfo.InvariantCulture)
            : DateOnly.ParseExact(b + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM yyyy", CultureInfo.InvariantCulture)).ToArray();
        var top = answer.Series.Take(ChartGroups).ToList();
        Series = top.Select(s => new ChartSeries<double> { Name = s.Label, Data = s.Values.Select(v => (double)v).ToArray() }).ToList();
        if (answer.Series.Count > ChartGroups)
        {
            var rest = new double[answer.Buckets.Count];
            foreach (var s in answer.Series.Skip(ChartGroups))
                for (var i = 0; i < rest.Length; i++) rest[i] += (double)s.Values[i];
            Series.Add(new ChartSeries<double> { Name = $"Other ({answer.Series.Count - ChartGroups})", Data = rest });
        }
        var code = Currency.Code;
        Options = new StackedBarChartOptions
        {
            YAxisToStringFunc = v => Shared.MoneyText.Axis(v, code), XAxisLabelRotation = Labels.Length > 12 ? 45 : 0, ShowLegend = true, YAxisTitle = code,
        };
    }

    public ExploreAnswer Answer { get; }
    public Currency Currency { get; }
    public IReadOnlyList<ExploreRow> Rows { get; }
    public decimal ShownTotal { get; }
    public decimal ShownEstimated { get; }
    public bool IsFiltered { get; }
    public string[] Labels { get; }
    public List<ChartSeries<double>> Series { get; }
    public StackedBarChartOptions Options { get; }

    public string Money(decimal amount) => Shared.MoneyText.Format(amount, Currency);

    public string Share(ExploreRow row) => Answer.Total == 0m ? "" : (row.Cost / Answer.Total).ToString("P1", CultureInfo.InvariantCulture);
}
