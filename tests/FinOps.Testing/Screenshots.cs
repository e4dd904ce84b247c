namespace FinOps.Testing;

/// <summary>
/// Where browser tests put their screenshots: <c>.data/screenshots</c> of the clone, or FINOPS_SCREENSHOTS_DIR. The
/// README's pictures in <c>docs/screenshots</c> are refreshed on purpose (<c>infra/screenshots.sh</c>), never as a side
/// effect of a test run.
/// </summary>
public static class Screenshots
{
    public static string PathFor(string name)
    {
        var folder = Environment.GetEnvironmentVariable("FINOPS_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? configured
            : RepositoryRoot.Combine(".data", "screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }
}
