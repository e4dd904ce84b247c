using System.Text.RegularExpressions;
using FinOps.Testing;

namespace FinOps.IntegrationTests.Repository;

/// <summary>The README points only at pages that exist in the repository, and pages people read cite no design sections.</summary>
public partial class ReadmeLinksTests
{
    [Fact]
    public void Every_relative_link_of_the_readme_resolves_to_a_file_of_the_repository()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("README.md"));
        var targets = MarkdownLink().Matches(readme).Select(m => m.Groups["target"].Value)
            .Where(t => !t.StartsWith("http", StringComparison.Ordinal) && !t.StartsWith('#'))
            .Select(t => t.Split('#')[0]).Distinct().ToList();

        Assert.Contains("docs/semantics.md", targets);
        Assert.All(targets, target =>
        {
            Assert.False(target.StartsWith("../", StringComparison.Ordinal), $"{target} is outside the repository");
            Assert.True(File.Exists(RepositoryRoot.Combine(target)) || Directory.Exists(RepositoryRoot.Combine(target)), $"{target} does not exist");
        });
    }

    [Fact]
    public void Pages_and_command_help_never_cite_design_document_sections()
    {
        var offenders = Directory.EnumerateFiles(RepositoryRoot.Combine("src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            // Comments may cite the contract for developers; text users read (markup, string literals) may not.
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && !l.Text.TrimStart().StartsWith("@*", StringComparison.Ordinal))
            .Where(l => UserTextCitingSection().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryRoot.Path, l.File)}:{l.Line}")
            .ToList();

        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    /// <summary>"…§3…" inside a string literal or markup text (not a comment).</summary>
    [GeneratedRegex("(\"[^\"]*§[0-9][^\"]*\")|(>[^<]*§[0-9])")]
    private static partial Regex UserTextCitingSection();
}
