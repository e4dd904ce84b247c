using System.Globalization;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Cli;

/// <summary>A generated month (a template copy) per test, the CLI run against it, and its CSV read back by column name.</summary>
public abstract class DemoMonthCliTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("finops-cli-month-").FullName;

    public async Task InitializeAsync() => Database = await TestDatabases.CreateWithDemoMonthAsync();

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    protected Task<CliResult> Cli(params string[] args) => CliProcess.RunAsync(Database.ConnectionString, args);

    protected static List<Dictionary<string, string>> Csv(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',')).Select(cells => header.Select((h, i) => (h, cells[i])).ToDictionary(x => x.h, x => x.Item2)).ToList();
    }

    protected static string Header(CliResult result) => result.StdOut.Split("\r\n")[0];

    protected static decimal D(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    protected string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
