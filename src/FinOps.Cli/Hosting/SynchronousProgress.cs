namespace FinOps.Cli.Hosting;

/// <summary>Reports on the caller's thread, so progress lines print in order before the work they announce.</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
