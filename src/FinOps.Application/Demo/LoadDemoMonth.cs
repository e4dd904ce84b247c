using FinOps.Application.Ingest;

namespace FinOps.Application.Demo;

public sealed record DemoMonthLoad(DemoMonth Month, IReadOnlyList<IngestOutcome> Outcomes);

/// <summary>
/// Generates a demo month and ingests every file of it through the one pipeline, logs first. Loading the same
/// month twice changes nothing: the generator writes the same bytes, and the pipeline knows them.
/// </summary>
public sealed class LoadDemoMonth(IDemoMonthGenerator generator, IngestFile ingest)
{
    public async Task<DemoMonthLoad> HandleAsync(DemoMonthRequest request, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var month = await generator.GenerateAsync(request, null, cancellationToken);
        var outcomes = new List<IngestOutcome>();
        foreach (var file in month.Files)
            outcomes.Add(await ingest.HandleAsync(
                new IngestRequest(Path.Combine(month.Folder, file.Name), file.Format, UploadedBy: "demo"), progress, cancellationToken));
        return new DemoMonthLoad(month, outcomes);
    }
}
