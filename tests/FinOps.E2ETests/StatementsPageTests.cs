using System.Globalization;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>The statements page's CSV button downloads the file the page shows, to the cent.</summary>
[Collection(AppCollection.Name)]
public class StatementsPageTests(AppHost app)
{
    [Fact]
    public async Task The_csv_button_downloads_the_statement_lines_and_they_sum_to_the_pages_total()
    {
        var page = await app.OpenAsync("/statements?period=2026-10", "finance@demo.finops");
        await Assertions.Expect(page.GetByTestId("statements-total")).ToContainTextAsync("USD");
        var total = decimal.Parse((await page.GetByTestId("statements-total").TextContentAsync())!.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("statements-csv").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"finops-e2e-{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(path);
        var lines = await File.ReadAllLinesAsync(path);
        File.Delete(path);

        Assert.Null(await download.FailureAsync());
        Assert.Equal("statements-2026-10.csv", download.SuggestedFilename);
        Assert.StartsWith("period,tenant,feature,line_type", lines[0]);
        Assert.True(lines.Length > 10, $"{lines.Length} lines");
        Assert.Equal(total, lines.Skip(1).Sum(l => decimal.Parse(l.Split(',')[15], CultureInfo.InvariantCulture)));
        await page.Context.CloseAsync();
    }
}
