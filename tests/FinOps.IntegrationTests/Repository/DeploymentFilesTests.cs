using System.Text.RegularExpressions;
using System.Xml.Linq;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Repository;

/// <summary>
/// No Docker engine runs here, so the image cannot be built in CI; these tests keep the Dockerfile, compose file
/// and scripts pointing at paths and projects that really exist.
/// </summary>
public partial class DeploymentFilesTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryRoot.Combine("infra", "Dockerfile"));

    [Fact]
    public void Every_path_the_Dockerfile_copies_from_the_repository_exists()
    {
        var sources = CopyLine().Matches(Dockerfile)
            .Where(m => !m.Value.Contains("--from="))
            .SelectMany(m => m.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(RepositoryRoot.Combine(source)) || Directory.Exists(RepositoryRoot.Combine(source)),
            $"infra/Dockerfile copies '{source}', which is not in the repository"));
    }

    [Fact]
    public void Every_project_the_Dockerfile_restores_or_publishes_exists()
    {
        var projects = ProjectPath().Matches(Dockerfile).Select(m => m.Value).Distinct().ToList();

        Assert.Contains("src/FinOps.Web/FinOps.Web.csproj", projects);
        Assert.All(projects, project => Assert.True(File.Exists(RepositoryRoot.Combine(project)), $"{project} does not exist"));
    }

    [Fact]
    public void The_image_starts_the_web_assembly_and_ships_the_cli_under_their_real_names()
    {
        var cli = XDocument.Load(RepositoryRoot.Combine("src", "FinOps.Cli", "FinOps.Cli.csproj"))
            .Descendants("AssemblyName").Single().Value;

        Assert.Contains("ENTRYPOINT [\"dotnet\", \"FinOps.Web.dll\"]", Dockerfile);
        Assert.Contains($"cli/{cli}.dll", Dockerfile);
    }

    [Fact]
    public void Compose_builds_the_Dockerfile_with_PostgreSQL_15_and_FINOPS_DB()
    {
        var compose = File.ReadAllText(RepositoryRoot.Combine("docker-compose.yml"));

        Assert.Contains("dockerfile: infra/Dockerfile", compose);
        Assert.Contains("image: postgres:15", compose);
        Assert.Contains("FINOPS_DB:", compose);
    }

    [Fact]
    public void The_readme_opens_with_the_run_and_test_commands_and_CI_runs_the_test_command()
    {
        var commands = File.ReadLines(RepositoryRoot.Combine("README.md"))
            .SkipWhile(l => !l.StartsWith("```"))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith("```"))
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .ToList();
        var ci = File.ReadAllLines(RepositoryRoot.Combine(".ci", "run")).Where(l => !l.StartsWith('#') && l.Trim().Length > 0).ToList();

        Assert.Equal(["infra/run.sh", "infra/test.sh"], commands);
        Assert.Equal(["exec bash \"$(dirname \"$0\")/../infra/test.sh\""], ci);
        Assert.All(commands, c => Assert.True(File.Exists(RepositoryRoot.Combine(c))));
    }

    [GeneratedRegex(@"^COPY\s+(?<args>.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"(src|migrations)/[A-Za-z.]+/[A-Za-z.]+\.csproj")]
    private static partial Regex ProjectPath();
}
