using System.Xml.Linq;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Repository;

/// <summary>References point inward only, and the domain stays free of IO packages.</summary>
public class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["FinOps.Domain"] = [],
        ["FinOps.Application"] = ["FinOps.Domain"],
        ["FinOps.Infrastructure"] = ["FinOps.Application", "FinOps.Domain"],
        ["FinOps.Migrations"] = ["FinOps.Infrastructure"],
        ["FinOps.Web"] = ["FinOps.Application", "FinOps.Infrastructure", "FinOps.Migrations"],
        ["FinOps.Cli"] = ["FinOps.Application", "FinOps.Infrastructure", "FinOps.Migrations"],
    };

    public static TheoryData<string> ProductionProjects() => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(ProductionProjects))]
    public void Each_project_references_only_inner_layers(string project)
    {
        var references = ProjectReferences(project);

        Assert.All(references, reference => Assert.Contains(reference, Allowed[project]));
    }

    [Fact]
    public void The_domain_references_no_package_at_all()
    {
        var csproj = XDocument.Load(ProjectFile("FinOps.Domain"));

        Assert.Empty(csproj.Descendants("PackageReference"));
        Assert.Empty(csproj.Descendants("FrameworkReference"));
    }

    [Fact]
    public void Every_production_project_is_in_the_solution()
    {
        var solution = File.ReadAllText(RepositoryRoot.Combine("FinOps.sln"));

        Assert.All(Allowed.Keys, project => Assert.Contains($"{project}.csproj", solution));
    }

    [Fact]
    public void Package_versions_are_central_and_warnings_are_errors()
    {
        var props = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"));
        Assert.Equal("true", props.Descendants("TreatWarningsAsErrors").Single().Value);
        Assert.Equal("enable", props.Descendants("Nullable").Single().Value);
        Assert.Equal("true", props.Descendants("ManagePackageVersionsCentrally").Single().Value);

        foreach (var csproj in Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories)
                     .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            Assert.DoesNotContain(XDocument.Load(csproj).Descendants("PackageReference"), r => r.Attribute("Version") is not null);
    }

    [Fact]
    public void One_Directory_Build_props_governs_every_project()
    {
        var props = Directory.EnumerateFiles(RepositoryRoot.Path, "Directory.Build.props", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}.data{Path.DirectorySeparatorChar}"))
            .ToList();

        Assert.Equal([RepositoryRoot.Combine("Directory.Build.props")], props);
    }

    private static string[] ProjectReferences(string project) =>
        XDocument.Load(ProjectFile(project)).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

    private static string ProjectFile(string project) =>
        project == "FinOps.Migrations"
            ? RepositoryRoot.Combine("migrations", project, $"{project}.csproj")
            : RepositoryRoot.Combine("src", project, $"{project}.csproj");
}
