using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Application.Reconciliation;
using FinOps.Domain.Reconciliation;
using FinOps.IntegrationTests.Ingest;
using Microsoft.Extensions.DependencyInjection;

namespace FinOps.IntegrationTests.Reconciliation;

/// <summary>
/// The engine on a small generated month: exactly the windows the generator's manifest lists are flagged, with its
/// statuses, and nothing else — before and after the skewed vendor's billing-day offset is set.
/// </summary>
public sealed class DemoMonthReconciliationTests : IngestTestBase
{
    /// <summary>Each test starts from its own copy of the generated October (loaded once per run into a template).</summary>
    protected override Task<FinOps.Testing.TestDatabase> CreateDatabaseAsync() => FinOps.Testing.TestDatabases.CreateWithDemoMonthAsync();

    [Fact]
    public async Task Exactly_the_manifests_windows_are_flagged_with_its_statuses_and_the_offset_clears_the_skew()
    {
        // The same seed writes the same month, so its manifest is the one the template loaded.
        DemoMonth month;
        await using (var scope = Services.CreateAsyncScope())
            month = await scope.ServiceProvider.GetRequiredService<IDemoMonthGenerator>().GenerateAsync(
                new DemoMonthRequest(Path.Combine(Folder, "month"), 2026, 10, 20_000, 42), null, CancellationToken.None);
        using var manifest = JsonDocument.Parse(File.ReadAllText(month.ManifestPath));
        var expected = manifest.RootElement.GetProperty("expected_windows").EnumerateArray()
            .Select(w => (Offset: w.GetProperty("offset_hours").GetInt32(),
                Key: $"{w.GetProperty("provider").GetString()}|{w.GetProperty("model").GetString()}|{w.GetProperty("window_start").GetString()}|{w.GetProperty("status").GetString()}"))
            .ToList();

        var flagged = await FlaggedAsync();
        Assert.Equal(expected.Where(e => e.Offset == 0).Select(e => e.Key).Order(), flagged);
        var coverage = (await RunAsync()).Coverage;
        Assert.True(coverage is > 0.9m and < 1m, $"coverage {coverage}");

        await Database.ExecuteAsync($"update providers set billing_day_offset_hours = {DemoOffset(manifest)} where slug = 'azure-openai'");
        await RunAsync();

        var afterOffset = await FlaggedAsync();
        Assert.Equal(
            expected.Where(e => e.Offset == 0 && !e.Key.StartsWith("azure-openai|")).Concat(expected.Where(e => e.Offset != 0)).Select(e => e.Key).Order(),
            afterOffset);
    }

    [Fact]
    public async Task Each_flagged_window_explains_itself_with_the_fault_the_generator_injected()
    {
        var lines = (await ReportAsync()).Lines;

        Assert.Contains(lines.Single(l => l is { Provider: "anthropic", Model: "claude-sonnet-4" } && l.WindowStart.Day == 20).Causes,
            c => c.Code == "price-difference" && c.Explanation.Contains("1.50×"));
        Assert.Contains(lines.First(l => l is { Provider: "openai", Status: ReconciliationStatus.Mismatch }).Causes, c => c.Code == "unlogged-requests");
        Assert.All(lines.Where(l => l is { Provider: "aws-bedrock", Model: "(unmapped)" }), l => Assert.Contains(l.Causes, c => c.Code == "unmapped-model"));
        Assert.Contains(lines.Where(l => l is { Provider: "azure-openai", Status: ReconciliationStatus.Mismatch }).SelectMany(l => l.Causes),
            c => c.Code == "day-boundary-skew" && c.Explanation.Contains("+8 hours"));
    }

    [Fact]
    public async Task Running_again_replaces_the_run_and_changes_nothing()
    {
        var first = await FlaggedAsync();

        await RunAsync();
        await RunAsync();

        Assert.Equal(first, await FlaggedAsync());
        Assert.Equal(1L, await Database.ScalarAsync<long>("select count(*) from reconciliation_runs where period = '2026-10' and window_kind = 'Day'"));
    }

    private static int DemoOffset(JsonDocument manifest) => manifest.RootElement.GetProperty("billing_day_offsets").GetProperty("azure-openai").GetInt32();

    private async Task<ReconciliationSummary> RunAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RunReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, "test", CancellationToken.None);
    }

    private async Task<ReconciliationReport> ReportAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<GetReconciliation>().HandleAsync(FinOps.Domain.Periods.ChargePeriod.Parse("2026-10"), WindowKind.Day, CancellationToken.None))!;
    }

    private async Task<List<string>> FlaggedAsync() =>
        (await ReportAsync()).Lines.Where(l => l.Status != ReconciliationStatus.Matched)
            .Select(l => $"{l.Provider}|{l.Model}|{l.WindowStart.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}|{l.Status.ToString().ToLowerInvariant()}")
            .Order().ToList();
}
