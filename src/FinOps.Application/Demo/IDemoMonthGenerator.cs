namespace FinOps.Application.Demo;

/// <summary>
/// What to generate: one calendar month (UTC) of requests, deterministic for the seed — or its first
/// <paramref name="ThroughDay"/> days only (the month so far, for a demo of the current month).
/// </summary>
public sealed record DemoMonthRequest(string Folder, int Year, int Month, int Requests = 1_000_000, int Seed = 42, int? ThroughDay = null);

/// <summary>One generated file, its format name as <c>./finops ingest --format</c> knows it, and its data rows.</summary>
public sealed record DemoFile(string Name, string Format, long Rows);

/// <param name="PriceCards">The prices the demo vendors bill at (also in the manifest): loaded with the month so expected costs match.</param>
public sealed record DemoMonth(string Folder, string ManifestPath, long Requests, long LoggedRequests, IReadOnlyList<DemoFile> Files,
    IReadOnlyList<Catalog.PriceCardRow> PriceCards)
{
    /// <summary>The vendor keys finance has mapped in the demo (its OpenAI projects, all but one shared project).</summary>
    public IReadOnlyList<Billing.KeyMappingRow> KeyMappings { get; init; } = [];

    /// <summary>The reserved capacity finance declared (the demo's Azure PTU deployment).</summary>
    public IReadOnlyList<Billing.CommitmentRow> Commitments { get; init; } = [];
}

/// <summary>Writes a coherent demo month in the real vendor and log formats, with a manifest of its injected faults.</summary>
public interface IDemoMonthGenerator
{
    Task<DemoMonth> GenerateAsync(DemoMonthRequest request, IProgress<long>? progress, CancellationToken cancellationToken);
}
