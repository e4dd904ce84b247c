using FinOps.Application.Ingest;

namespace FinOps.Cli.Ingest;

/// <summary>The per-file summary on stderr: what was stored, skipped, quarantined — or why the file was refused.</summary>
internal static class IngestSummary
{
    public static async Task WriteAsync(TextWriter output, IngestOutcome outcome)
    {
        switch (outcome.Result)
        {
            case IngestResult.AlreadyIngested:
                await output.WriteLineAsync($"{outcome.FileName}: {outcome.Reason}");
                return;
            case IngestResult.Rejected:
                await output.WriteLineAsync($"{outcome.FileName}: rejected — {outcome.Reason}");
                foreach (var problem in outcome.Problems) await output.WriteLineAsync($"  {outcome.FileName}: {problem}");
                return;
            default:
                await output.WriteLineAsync(
                    $"{outcome.FileName}: stored as file #{outcome.FileId} ({outcome.Format}): {outcome.RowsRead:N0} rows read, " +
                    $"{outcome.RowsStored:N0} stored, {outcome.Duplicates:N0} duplicates, {outcome.Conflicts:N0} conflicts, " +
                    $"{outcome.Quarantined:N0} quarantined, {outcome.SupersededLines:N0} superseded");
                foreach (var problem in outcome.Problems) await output.WriteLineAsync($"  quarantined {outcome.FileName}: {problem}");
                return;
        }
    }
}
