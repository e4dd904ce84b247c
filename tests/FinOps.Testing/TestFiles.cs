namespace FinOps.Testing;

/// <summary>Real sample files kept in the repository under tests/data (with their attribution).</summary>
public static class TestFiles
{
    public static string FocusSample => RepositoryRoot.Combine("tests", "data", "focus", "focus_sample.csv");
}
