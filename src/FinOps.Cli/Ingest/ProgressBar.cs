using FinOps.Application.Ingest;

namespace FinOps.Cli.Ingest;

/// <summary>
/// A one-line progress bar on stderr (bytes %, rows/s), redrawn in place on a terminal; when stderr is a file or
/// pipe it writes a line per tenth of the file instead, so logs stay readable.
/// </summary>
internal sealed class ProgressBar(TextWriter output, string name) : IProgress<IngestProgress>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private int _lastTenth = -1;
    private bool _drawn;

    public void Report(IngestProgress value)
    {
        var line = $"{name} [{new string('#', (int)(value.Fraction * Width)),-Width}] {value.Fraction,4:P0} {value.RowsRead,12:N0} rows {value.RowsPerSecond,10:N0} rows/s";
        if (_interactive)
        {
            output.Write($"\r{line}");
            _drawn = true;
            return;
        }
        var tenth = (int)(value.Fraction * 10);
        if (tenth == _lastTenth) return;
        _lastTenth = tenth;
        output.WriteLine(line);
    }

    public void Finish()
    {
        if (_drawn) output.WriteLine();
    }
}
