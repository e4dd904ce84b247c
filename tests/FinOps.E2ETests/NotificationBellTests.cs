using Microsoft.Playwright;

namespace FinOps.E2ETests;

/// <summary>The bell as finance uses it: opened with the mouse, windows of one condition grouped into runs of days.</summary>
[Collection(AppCollection.Name)]
public class NotificationBellTests(AppHost app)
{
    [Fact]
    public async Task A_mouse_click_opens_the_bell_and_a_months_unmapped_windows_are_one_row()
    {
        var page = await app.OpenAsync("/", "finance@demo.finops");
        await page.SetViewportSizeAsync(1280, 900);
        var windows = await app.Database.ScalarAsync<long>("select count(*) from alerts");
        Assert.True(windows > 20, $"{windows} notifications in the generated month");

        await page.GetByTestId("bell-button").ClickAsync();

        var rows = page.GetByTestId("notification");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("notification").Filter(new() { HasText = "aws-bedrock (unmapped) is unlogged from" })).ToHaveCountAsync(1);
        Assert.True(await rows.CountAsync() < windows, "windows are grouped, not listed one by one");
        await page.Context.CloseAsync();
    }
}
