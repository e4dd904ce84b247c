using FinOps.Cli.Hosting;
using FinOps.Domain.Ingest;

namespace FinOps.Cli.Billing;

/// <summary>
/// An all-or-nothing CSV import as the billing commands run it: read the file, hand its rows to the use case, and
/// report every problem by line and column (nothing stored) or what was added and changed.
/// </summary>
internal static class RowFileImport
{
    public static async Task<int> RunAsync<TRow>(string path, Func<Stream, (IReadOnlyList<TRow> Rows, IReadOnlyList<RowProblem> Problems)> read,
        Func<IReadOnlyList<TRow>, Task<(int Added, int Changed, IReadOnlyList<RowProblem> Problems)>> import)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"{path}: no such file");
        var name = Path.GetFileName(path);
        IReadOnlyList<TRow> rows;
        IReadOnlyList<RowProblem> problems;
        await using (var stream = File.OpenRead(path)) (rows, problems) = read(stream);
        var (added, changed) = (0, 0);
        if (problems.Count == 0) (added, changed, problems) = await import(rows);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) await Console.Error.WriteLineAsync($"{name}: {problem}");
            await Console.Error.WriteLineAsync($"{name}: refused, nothing imported ({problems.Count} problem(s))");
            return ExitCodes.Refused;
        }
        await Console.Error.WriteLineAsync($"{name}: {added} added, {changed} changed, {rows.Count - added - changed} unchanged");
        return ExitCodes.Done;
    }
}
