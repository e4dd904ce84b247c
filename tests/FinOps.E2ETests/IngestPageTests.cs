using System.Text;
using FinOps.Testing;
using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>A finance user drops a file on the ingest page and watches its background job through the circuit.</summary>
[Collection(AppCollection.Name)]
public class IngestPageTests(AppHost app)
{
    [Fact]
    public async Task A_dropped_file_shows_its_jobs_progress_then_its_summary_and_joins_the_history()
    {
        var folder = Directory.CreateTempSubdirectory("finops-e2e-upload-").FullName;
        var path = Path.Combine(folder, "e2e-october-usage.csv");
        var csv = new StringBuilder("request_id,occurred_at,tenant,feature,provider,model,input_tokens,output_tokens\n");
        for (var i = 0; i < 500; i++) csv.Append($"e2e-{i},2026-10-{1 + i % 28:D2}T12:00:00Z,acme-retail,support-chat,openai,gpt-4o,{900 + i},{100 + i % 50}\n");
        await File.WriteAllTextAsync(path, csv.ToString(), new UTF8Encoding(false));
        var page = await app.OpenAsync("/ingest", "finance@demo.finops");
        await page.SetViewportSizeAsync(1280, 900);

        // Blazor's InputFile wires its change handler from JS after the first render and marks the element when it has:
        // wait for that mark, or a busy machine can set the file before anyone listens.
        await page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await page.Locator("input[type=file]").SetInputFilesAsync(path);

        // The row's attributes are the hook: the status the job reported last and how many progress reports arrived.
        var row = page.Locator("[data-testid=upload-row][data-file='e2e-october-usage.csv']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Finished");
        Assert.True(int.Parse((await row.GetAttributeAsync("data-reports"))!) >= 1, "no progress report reached the page before the summary");
        await Assertions.Expect(row.GetByTestId("upload-summary")).ToContainTextAsync("500 rows read, 500 stored");
        await Assertions.Expect(row.GetByTestId("upload-status")).ToHaveTextAsync("Stored");
        await Assertions.Expect(page.GetByTestId("ingest-history")).ToContainTextAsync("e2e-october-usage.csv");

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor("ingest.png") });
        await page.Context.CloseAsync();
        Directory.Delete(folder, recursive: true);
    }
}
