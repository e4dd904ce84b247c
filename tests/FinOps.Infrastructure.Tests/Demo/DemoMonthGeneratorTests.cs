using System.Security.Cryptography;
using System.Text.Json;
using FinOps.Application.Demo;
using FinOps.Infrastructure.Demo;

namespace FinOps.Infrastructure.Tests.Demo;

public sealed class DemoMonthGeneratorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("finops-demo-test-").FullName;

    [Fact]
    public async Task The_same_seed_writes_the_same_bytes_and_another_seed_does_not()
    {
        var first = await GenerateAsync("a", seed: 7);
        var again = await GenerateAsync("b", seed: 7);
        var other = await GenerateAsync("c", seed: 8);

        Assert.Equal(Hashes(first), Hashes(again));
        Assert.NotEqual(Hashes(first)[DemoLogWriters.UsageFile], Hashes(other)[DemoLogWriters.UsageFile]);
    }

    [Fact]
    public async Task The_manifest_counts_what_the_files_hold()
    {
        var month = await GenerateAsync("m", seed: 42);
        using var manifest = JsonDocument.Parse(File.ReadAllText(month.ManifestPath));
        var root = manifest.RootElement;

        Assert.Equal(20_000, root.GetProperty("requests").GetInt64());
        Assert.Equal(10, month.Files.Count);
        var rowsOf = root.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("rows").GetInt64());
        // Logs: one line per logged request (the CSVs have a header; JSON lines have none).
        Assert.Equal(rowsOf[DemoLogWriters.UsageFile], File.ReadLines(Path.Combine(month.Folder, DemoLogWriters.UsageFile)).Count() - 1);
        Assert.Equal(rowsOf[DemoLogWriters.OTelFile], File.ReadLines(Path.Combine(month.Folder, DemoLogWriters.OTelFile)).Count());
        Assert.Equal(root.GetProperty("logged_requests").GetInt64(),
            rowsOf[DemoLogWriters.UsageFile] + rowsOf[DemoLogWriters.OTelFile] + rowsOf[DemoLogWriters.LiteLlmFile]);
        // The unlogged day loses requests: logged < generated, by about 15 % of one OpenAI day.
        Assert.InRange(root.GetProperty("requests").GetInt64() - root.GetProperty("logged_requests").GetInt64(), 20, 200);
        Assert.Equal(12, root.GetProperty("tenants").GetArrayLength());
        Assert.InRange(root.GetProperty("features").GetArrayLength(), 35, 50);
    }

    [Fact]
    public async Task Every_injected_fault_and_nothing_else_shows_in_the_expected_windows()
    {
        var month = await GenerateAsync("w", seed: 42);
        using var manifest = JsonDocument.Parse(File.ReadAllText(month.ManifestPath));
        var windows = manifest.RootElement.GetProperty("expected_windows").EnumerateArray()
            .Select(w => (Fault: w.GetProperty("fault").GetString(), Provider: w.GetProperty("provider").GetString(), Model: w.GetProperty("model").GetString(),
                Status: w.GetProperty("status").GetString(), Offset: w.GetProperty("offset_hours").GetInt32(), Start: w.GetProperty("window_start").GetString()))
            .ToList();

        Assert.DoesNotContain(windows, w => w.Fault == "none");
        Assert.Contains(windows, w => w is { Fault: "unlogged-traffic", Provider: "openai", Status: "mismatch", Start: "2026-10-12T00:00:00Z" });
        Assert.Contains(windows, w => w is { Fault: "wrong-price", Model: "claude-sonnet-4", Status: "mismatch", Start: "2026-10-20T00:00:00Z" });
        Assert.Single(windows, w => w.Fault == "wrong-price");
        Assert.Equal(31, windows.Count(w => w is { Fault: "unmapped-alias", Model: "(unmapped)", Status: "unlogged" }));
        Assert.Equal(31, windows.Count(w => w is { Fault: "unmapped-alias", Model: "mistral-large-2407", Status: "unbilled" }));
        Assert.True(windows.Count(w => w is { Fault: "day-boundary-skew", Offset: 0, Status: "mismatch" }) >= 25);
        // With the 8-hour offset only the window before the month's first vendor day is left: logged, billed last month.
        Assert.Equal([("unbilled", "2026-09-30T08:00:00Z")], windows.Where(w => w.Offset == 8).Select(w => (w.Status!, w.Start!)));
    }

    private async Task<DemoMonth> GenerateAsync(string name, int seed) =>
        await new DemoMonthGenerator().GenerateAsync(new DemoMonthRequest(Path.Combine(_root, name), 2026, 10, 20_000, seed), null, CancellationToken.None);

    private static Dictionary<string, string> Hashes(DemoMonth month) =>
        Directory.GetFiles(month.Folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
